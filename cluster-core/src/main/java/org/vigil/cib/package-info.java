/** The Cluster Information Base: immutable model of configuration and status, with codecs. */
package org.vigil.cib;
