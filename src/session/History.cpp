// Undo/redo and dirty state (see History.h).
#include "session/History.h"

namespace tb::session {

void History::push(CommandPtr command) {
  command->apply(docs_);
  entries_.resize(done_);  // what could have been redone is gone
  if (gestureOpen_ && done_ > 0 && !command->mergeKey().empty() &&
      entries_.back().command->mergeKey() == command->mergeKey() && entries_.back().command->mergeWith(*command)) {
    // A new id: a save taken in the middle of the gesture no longer matches the merged state.
    entries_.back().id = nextId_++;
    return;
  }
  entries_.push_back({std::move(command), nextId_++});
  done_ = entries_.size();
  gestureOpen_ = !entries_.back().command->mergeKey().empty();
}

std::string History::undoLabel() const { return canUndo() ? entries_[done_ - 1].command->label() : std::string(); }
std::string History::redoLabel() const { return canRedo() ? entries_[done_].command->label() : std::string(); }

bool History::undo() {
  if (!canUndo()) return false;
  entries_[--done_].command->undo(docs_);
  gestureOpen_ = false;
  return true;
}

bool History::redo() {
  if (!canRedo()) return false;
  entries_[done_++].command->apply(docs_);
  gestureOpen_ = false;
  return true;
}

std::uint64_t History::stateOf(DocumentKind kind) const {
  for (std::size_t i = done_; i > 0; --i)
    if (entries_[i - 1].command->document() == kind) return entries_[i - 1].id;
  return 0;
}

bool History::dirty(DocumentKind kind) const { return stateOf(kind) != saved_[static_cast<int>(kind)]; }

bool History::anyDirty() const {
  for (int k = 0; k < kDocumentKinds; ++k)
    if (dirty(static_cast<DocumentKind>(k))) return true;
  return false;
}

void History::markSaved(DocumentKind kind) { saved_[static_cast<int>(kind)] = stateOf(kind); }

void History::clear() {
  entries_.clear();
  done_ = 0;
  gestureOpen_ = false;
  saved_.fill(0);
}

void History::restart(DocumentKind fresh) {
  std::array<bool, kDocumentKinds> wasDirty{};
  for (int k = 0; k < kDocumentKinds; ++k) wasDirty[k] = dirty(static_cast<DocumentKind>(k));
  clear();
  // No command id is ever ~0, so a document marked so stays dirty until markSaved().
  for (int k = 0; k < kDocumentKinds; ++k)
    if (wasDirty[k] && k != static_cast<int>(fresh)) saved_[k] = ~std::uint64_t{0};
}

}  // namespace tb::session
