// A shallow clone's history: its commit graph as git sees it, and the merge base and range
// commits found in it, which libgit2 cannot find there.

#include "planck/git/handles.hpp"
#include "planck/git/repository.hpp"
#include "planck/git/repository_impl.hpp"

#include <git2.h>

#include <cstdint>
#include <queue>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <utility>
#include <vector>

namespace planck {

using git::hex;
using git::k_fetch_hint;

namespace {

// The commit graph of a shallow clone as git sees it: a commit listed in .git/shallow has no
// parents, and parents missing from the object store are not followed. libgit2 1.5 does not
// honour .git/shallow and fails at the boundary, so shallow clones are walked here; they are
// small by construction, which makes whole-ancestry sets affordable.
class ShallowGraph
{
public:
  ShallowGraph(git_repository* repo, const std::unordered_set<std::string>& boundary)
      : m_repo(repo), m_boundary(boundary)
  {
  }

  const std::vector<std::string>& parents(const std::string& sha) { return node(sha).parents; }

  std::int64_t time(const std::string& sha) { return node(sha).time; }

  // Every commit reachable from `starts`, the starts included.
  std::unordered_set<std::string> ancestors(const std::vector<std::string>& starts)
  {
    std::unordered_set<std::string> seen;
    std::vector<std::string> pending = starts;
    while (!pending.empty()) {
      std::string sha = std::move(pending.back());
      pending.pop_back();
      if (!seen.insert(sha).second) {
        continue;
      }
      for (const auto& parent : parents(sha)) {
        if (seen.count(parent) == 0) {
          pending.push_back(parent);
        }
      }
    }
    return seen;
  }

private:
  struct Node
  {
    std::vector<std::string> parents;
    std::int64_t time = 0;
  };

  git::CommitPtr lookup(const std::string& sha) const
  {
    git_oid id;
    git_commit* raw = nullptr;
    if (git_oid_fromstr(&id, sha.c_str()) < 0 || git_commit_lookup(&raw, m_repo, &id) < 0) {
      return nullptr;
    }
    return git::CommitPtr(raw);
  }

  const Node& node(const std::string& sha)
  {
    auto found = m_nodes.find(sha);
    if (found != m_nodes.end()) {
      return found->second;
    }
    Node result;
    if (auto commit = lookup(sha)) {
      result.time = git_commit_time(commit.get());
      if (m_boundary.count(sha) == 0) {
        for (unsigned i = 0; i < git_commit_parentcount(commit.get()); ++i) {
          const std::string parent = hex(git_commit_parent_id(commit.get(), i));
          if (lookup(parent)) {
            result.parents.push_back(parent);
          }
        }
      }
    }
    return m_nodes.emplace(sha, std::move(result)).first->second;
  }

  git_repository* m_repo;
  const std::unordered_set<std::string>& m_boundary;
  std::unordered_map<std::string, Node> m_nodes;
};

} // namespace

std::string Repository::Impl::shallow_message_for(const std::string& a, const std::string& b) const
{
  return "no merge base of '" + a + "' and '" + b + "' in this shallow clone: " + k_fetch_hint;
}

Expected<std::string> Repository::Impl::shallow_merge_base(const std::string& a, const std::string& b,
                                                           const std::string& a_sha, const std::string& b_sha) const
{
  ShallowGraph graph(repo.get(), boundary);
  const auto from_a = graph.ancestors({a_sha});
  const auto from_b = graph.ancestors({b_sha});
  std::vector<std::string> common;
  for (const auto& sha : from_a) {
    if (from_b.count(sha) != 0) {
      common.push_back(sha);
    }
  }
  if (common.empty()) {
    return Expected<std::string>::failure(shallow_message_for(a, b));
  }
  std::vector<std::string> below;
  for (const auto& sha : common) {
    const auto& parents = graph.parents(sha);
    below.insert(below.end(), parents.begin(), parents.end());
  }
  const auto redundant = graph.ancestors(below);
  std::string best;
  for (const auto& sha : common) {
    if (redundant.count(sha) != 0) {
      continue;
    }
    if (best.empty() || std::make_pair(graph.time(sha), sha) > std::make_pair(graph.time(best), best)) {
      best = sha;
    }
  }
  return best;
}

Expected<std::vector<std::string>> Repository::Impl::shallow_walk(const std::string& base_sha, const std::string& head_sha) const
{
  ShallowGraph graph(repo.get(), boundary);
  const auto hidden = graph.ancestors({base_sha});
  std::unordered_set<std::string> wanted;
  for (const auto& sha : graph.ancestors({head_sha})) {
    if (hidden.count(sha) == 0) {
      wanted.insert(sha);
    }
  }
  std::unordered_map<std::string, int> waiting_children;
  for (const auto& sha : wanted) {
    for (const auto& parent : graph.parents(sha)) {
      if (wanted.count(parent) != 0) {
        ++waiting_children[parent];
      }
    }
  }
  using Item = std::pair<std::int64_t, std::string>;
  std::priority_queue<Item> ready;
  for (const auto& sha : wanted) {
    if (waiting_children[sha] == 0) {
      ready.emplace(graph.time(sha), sha);
    }
  }
  std::vector<std::string> order;
  while (!ready.empty()) {
    const std::string sha = ready.top().second;
    ready.pop();
    order.push_back(sha);
    for (const auto& parent : graph.parents(sha)) {
      if (wanted.count(parent) != 0 && --waiting_children[parent] == 0) {
        ready.emplace(graph.time(parent), parent);
      }
    }
  }
  return order;
}

} // namespace planck
