package org.vigil.scheduler;

import java.util.Arrays;
import org.vigil.cib.Score;

/**
 * A resource's allowed nodes and their scores, indexed by node. A node that is absent is not allowed at all
 * (asymmetric clusters); a present node with a negative score cannot host the resource either.
 */
final class NodeScores {
    private final int[] score;
    private final boolean[] present;

    NodeScores(int nodeCount) {
        score = new int[nodeCount];
        present = new boolean[nodeCount];
    }

    private NodeScores(int[] score, boolean[] present) {
        this.score = score;
        this.present = present;
    }

    NodeScores copy() {
        return new NodeScores(score.clone(), present.clone());
    }

    void restoreFrom(NodeScores other) {
        System.arraycopy(other.score, 0, score, 0, score.length);
        System.arraycopy(other.present, 0, present, 0, present.length);
    }

    int size() {
        return score.length;
    }

    boolean has(int node) {
        return present[node];
    }

    int get(int node) {
        return score[node];
    }

    void set(int node, int value) {
        present[node] = true;
        score[node] = value;
    }

    void add(int node, int value) {
        if (!present[node]) {
            present[node] = true;
            score[node] = 0;
        }
        score[node] = Score.add(score[node], value);
    }

    void clear() {
        Arrays.fill(present, false);
        Arrays.fill(score, 0);
    }
}
