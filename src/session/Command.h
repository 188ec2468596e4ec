// An edit of a document that can be undone: apply() and undo() move the documents between two
// states exactly (undo restores the identical document). Most edits are ListEdit<T>: the element
// before and after at one index, nothing before for an insertion, nothing after for a removal.
#pragma once
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "session/Documents.h"

namespace tb::session {

class Command {
 public:
  virtual ~Command() = default;
  virtual void apply(Documents& docs) = 0;
  virtual void undo(Documents& docs) = 0;
  virtual DocumentKind document() const = 0;

  // For the Edit menu: "place pin", "move vertex" ("Undo place pin").
  const std::string& label() const { return label_; }
  // Continuous edits (a vertex dragged over many frames) share a non-empty key; History merges
  // consecutive commands with the same key into one until the gesture ends.
  const std::string& mergeKey() const { return mergeKey_; }
  // Absorbs `next` (same key, already applied): afterwards undo goes back to before *this.
  virtual bool mergeWith(const Command& next) { return false; }

 protected:
  Command(std::string label, std::string mergeKey) : label_(std::move(label)), mergeKey_(std::move(mergeKey)) {}

 private:
  std::string label_;
  std::string mergeKey_;
};

using CommandPtr = std::unique_ptr<Command>;

// Element `index` of a list goes from `before` to `after` (nullopt: absent).
template <typename T>
struct ListEditTraits;  // list(Documents&) -> std::vector<T>&, kind

template <typename T>
class ListEdit : public Command {
 public:
  ListEdit(std::string label, std::size_t index, std::optional<T> before, std::optional<T> after,
           std::string mergeKey = {})
      : Command(std::move(label), std::move(mergeKey)),
        index_(index),
        before_(std::move(before)),
        after_(std::move(after)) {}
  void apply(Documents& d) override { change(ListEditTraits<T>::list(d), before_, after_); }
  void undo(Documents& d) override { change(ListEditTraits<T>::list(d), after_, before_); }
  DocumentKind document() const override { return ListEditTraits<T>::kind; }
  bool mergeWith(const Command& next) override {
    const auto* n = dynamic_cast<const ListEdit<T>*>(&next);
    if (!n || n->index_ != index_ || !before_ || !after_ || !n->after_) return false;
    after_ = n->after_;
    return true;
  }

 private:
  void change(std::vector<T>& list, const std::optional<T>& from, const std::optional<T>& to) {
    if (from && to) list.at(index_) = *to;
    else if (to) list.insert(list.begin() + static_cast<std::ptrdiff_t>(index_), *to);
    else if (from) list.erase(list.begin() + static_cast<std::ptrdiff_t>(index_));
  }
  std::size_t index_;
  std::optional<T> before_, after_;
};

template <>
struct ListEditTraits<scene::Site> {
  static std::vector<scene::Site>& list(Documents& d) { return d.sites.sites; }
  static constexpr DocumentKind kind = DocumentKind::Sites;
};
template <>
struct ListEditTraits<scene::ViewSpec> {
  static std::vector<scene::ViewSpec>& list(Documents& d) { return d.views.views; }
  static constexpr DocumentKind kind = DocumentKind::Views;
};
template <>
struct ListEditTraits<briefing::Step> {
  static std::vector<briefing::Step>& list(Documents& d) { return d.briefing.briefing.steps; }
  static constexpr DocumentKind kind = DocumentKind::Briefing;
};

// A category added or changed (before nullopt: new).
class CategoryEdit : public Command {
 public:
  CategoryEdit(std::string key, std::optional<scene::Category> before, std::optional<scene::Category> after);
  void apply(Documents& d) override;
  void undo(Documents& d) override;
  DocumentKind document() const override { return DocumentKind::Sites; }

 private:
  std::string key_;
  std::optional<scene::Category> before_, after_;
};

// Several commands on one document as one step (moving a briefing step: remove + insert).
class CompositeCommand : public Command {
 public:
  CompositeCommand(std::string label, std::vector<CommandPtr> parts);
  void apply(Documents& d) override;
  void undo(Documents& d) override;
  DocumentKind document() const override { return parts_.front()->document(); }

 private:
  std::vector<CommandPtr> parts_;
};

}  // namespace tb::session
