/**
 * Evaluation of Pacemaker rules: node-attribute expressions, date expressions against an injected "now",
 * resource and operation expressions. Pure functions; time always comes in through {@link RuleContext}.
 */
package org.vigil.rules;
