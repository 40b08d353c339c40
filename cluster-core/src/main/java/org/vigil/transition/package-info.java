/**
 * The transition graph as the executor sees it (what the scheduler decided, as a DAG of actions), and the
 * executor that carries it out.
 */
package org.vigil.transition;
