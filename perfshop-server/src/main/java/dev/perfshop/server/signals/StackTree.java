package dev.perfshop.server.signals;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Stacks merged into a tree (root first), each node weighted by samples or bytes. At most {@link
 * #MAX_NODES} nodes: a stack that would need more is counted on the deepest node it reached.
 */
final class StackTree {

  static final int MAX_NODES = 20_000;

  private final Node root = new Node("all");
  private int nodes = 1;

  void add(List<String> framesRootFirst, long weight) {
    Node node = root;
    node.value += weight;
    for (String frame : framesRootFirst) {
      Node child = node.children.get(frame);
      if (child == null) {
        if (nodes >= MAX_NODES) {
          return;
        }
        child = new Node(frame);
        node.children.put(frame, child);
        nodes++;
      }
      child.value += weight;
      node = child;
    }
  }

  void mergeInto(StackTree other) {
    merge(root, other.root);
  }

  private void merge(Node from, Node to) {
    to.value += from.value;
    for (Node child : from.children.values()) {
      Node target = to.children.computeIfAbsent(child.name, Node::new);
      merge(child, target);
    }
  }

  long total() {
    return root.value;
  }

  /** The tree for a page: nodes below {@code minShare} of the total are left out. */
  Frame export(double minShare) {
    long min = (long) Math.ceil(root.value * minShare);
    return export(root, Math.max(1, min));
  }

  private Frame export(Node node, long min) {
    List<Frame> children = new ArrayList<>();
    for (Node child : node.children.values()) {
      if (child.value >= min) {
        children.add(export(child, min));
      }
    }
    children.sort((a, b) -> Long.compare(b.value(), a.value()));
    return new Frame(node.name, node.value, children);
  }

  /** One frame of the flame graph with the weight of every stack through it. */
  record Frame(String name, long value, List<Frame> children) {}

  private static final class Node {
    final String name;
    long value;
    final Map<String, Node> children = new HashMap<>();

    Node(String name) {
      this.name = name;
    }
  }
}
