//! Trees built from flat rows that point at their parent (menus, categories, content pages).

use serde::{Deserialize, Serialize};

/// A row that knows its own id, its parent's id and its place among its siblings.
pub trait TreeItem {
    fn id(&self) -> i64;
    fn parent_id(&self) -> Option<i64>;
    fn position(&self) -> i64;
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct TreeNode<T> {
    pub item: T,
    pub children: Vec<TreeNode<T>>,
}

/// Builds the forest: roots in position order, each with its children in position order.
/// A row whose parent is missing becomes a root, so nothing is ever dropped; a cycle cannot
/// hang it, because every row is placed exactly once.
pub fn build<T: TreeItem + Clone>(items: &[T]) -> Vec<TreeNode<T>> {
    let ids: std::collections::HashSet<i64> = items.iter().map(TreeItem::id).collect();
    let mut sorted: Vec<&T> = items.iter().collect();
    sorted.sort_by_key(|i| (i.position(), i.id()));
    let is_root = |i: &T| i.parent_id().is_none_or(|p| !ids.contains(&p) || p == i.id());
    let mut placed = std::collections::HashSet::new();
    let roots: Vec<&T> = sorted.iter().copied().filter(|i| is_root(i)).collect();
    let mut forest: Vec<TreeNode<T>> = roots.into_iter().map(|r| grow(r, &sorted, &mut placed)).collect();
    // Rows caught in a parent cycle were never reached from a root: keep them as roots.
    for item in &sorted {
        if !placed.contains(&item.id()) {
            forest.push(grow(item, &sorted, &mut placed));
        }
    }
    forest
}

fn grow<T: TreeItem + Clone>(item: &T, all: &[&T], placed: &mut std::collections::HashSet<i64>) -> TreeNode<T> {
    placed.insert(item.id());
    let children =
        all.iter().filter(|c| c.parent_id() == Some(item.id()) && c.id() != item.id()).copied().collect::<Vec<_>>();
    let mut grown = Vec::with_capacity(children.len());
    for child in children {
        if !placed.contains(&child.id()) {
            grown.push(grow(child, all, placed));
        }
    }
    let children = grown;
    TreeNode { item: item.clone(), children }
}

/// The chain from the root down to the item with `id` (inclusive); empty if it is unknown.
pub fn ancestry<T: TreeItem + Clone>(items: &[T], id: i64) -> Vec<T> {
    let mut chain = Vec::new();
    let mut current = items.iter().find(|i| i.id() == id);
    while let Some(item) = current {
        if chain.iter().any(|c: &T| c.id() == item.id()) {
            break;
        }
        chain.push(item.clone());
        current = item.parent_id().and_then(|p| items.iter().find(|i| i.id() == p));
    }
    chain.reverse();
    chain
}

/// Every node of the forest, depth first.
pub fn flatten<T>(forest: &[TreeNode<T>]) -> Vec<&T> {
    let mut out = Vec::new();
    for node in forest {
        out.push(&node.item);
        out.extend(flatten(&node.children));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Clone, Debug, PartialEq)]
    struct Row(i64, Option<i64>, i64);

    impl TreeItem for Row {
        fn id(&self) -> i64 {
            self.0
        }
        fn parent_id(&self) -> Option<i64> {
            self.1
        }
        fn position(&self) -> i64 {
            self.2
        }
    }

    fn ids<T: TreeItem>(nodes: &[TreeNode<T>]) -> Vec<i64> {
        nodes.iter().map(|n| n.item.id()).collect()
    }

    #[test]
    fn nests_children_under_parents_in_position_order() {
        let rows = vec![Row(1, None, 1), Row(2, Some(1), 2), Row(3, Some(1), 1), Row(4, None, 0), Row(5, Some(3), 0)];
        let forest = build(&rows);
        assert_eq!(ids(&forest), vec![4, 1]);
        assert_eq!(ids(&forest[1].children), vec![3, 2]);
        assert_eq!(ids(&forest[1].children[0].children), vec![5]);
        assert_eq!(flatten(&forest).len(), 5);
    }

    #[test]
    fn orphans_and_cycles_are_kept_not_lost() {
        let rows = vec![Row(1, Some(99), 0), Row(2, Some(3), 0), Row(3, Some(2), 0)];
        let forest = build(&rows);
        let mut all: Vec<i64> = flatten(&forest).iter().map(|r| r.0).collect();
        all.sort();
        assert_eq!(all, vec![1, 2, 3]);
    }

    #[test]
    fn ancestry_walks_up_to_the_root() {
        let rows = vec![Row(1, None, 0), Row(2, Some(1), 0), Row(3, Some(2), 0)];
        let chain: Vec<i64> = ancestry(&rows, 3).iter().map(|r| r.0).collect();
        assert_eq!(chain, vec![1, 2, 3]);
        assert!(ancestry(&rows, 42).is_empty());
    }
}
