package org.vigil.scheduler.node;

import java.util.Arrays;
import org.vigil.cib.Score;

/**
 * A resource's allowed nodes and their scores, indexed by node. A node that is absent is not allowed at all
 * (asymmetric clusters); a present node with a negative score cannot host the resource either.
 */
public final class NodeScores {
    private final int[] score;
    private final boolean[] present;

    public NodeScores(int nodeCount) {
        score = new int[nodeCount];
        present = new boolean[nodeCount];
    }

    private NodeScores(int[] score, boolean[] present) {
        this.score = score;
        this.present = present;
    }

    public NodeScores copy() {
        return new NodeScores(score.clone(), present.clone());
    }

    public void restoreFrom(NodeScores other) {
        System.arraycopy(other.score, 0, score, 0, score.length);
        System.arraycopy(other.present, 0, present, 0, present.length);
    }

    int size() {
        return score.length;
    }

    public boolean has(int node) {
        return present[node];
    }

    public int get(int node) {
        return score[node];
    }

    public void set(int node, int value) {
        present[node] = true;
        score[node] = value;
    }

    public void add(int node, int value) {
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
