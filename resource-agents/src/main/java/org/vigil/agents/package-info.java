/** Resource agent SPI, OCF script runner, native agents and fence agents. */
package org.vigil.agents;
