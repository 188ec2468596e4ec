// The undo/redo history over a session's documents, and the dirty state derived from it: a
// document is dirty when the last applied command that touched it is not the one it was saved
// after, so undoing back to the save point makes it clean again, and a new edit after undoing
// past the save point makes it dirty for good.
#pragma once
#include <array>
#include <cstdint>
#include <string>
#include <vector>

#include "session/Command.h"

namespace tb::session {

class History {
 public:
  explicit History(Documents& docs) : docs_(docs) {}

  // Applies `command` and records it, dropping whatever could have been redone. A command whose
  // merge key equals the previous one's (while the gesture is open) is folded into it.
  void push(CommandPtr command);
  // Ends a continuous gesture (mouse released): the next command starts a new undo step.
  void endGesture() { gestureOpen_ = false; }

  bool canUndo() const { return done_ > 0; }
  bool canRedo() const { return done_ < entries_.size(); }
  std::string undoLabel() const;  // "" when nothing to undo
  std::string redoLabel() const;
  bool undo();  // false when there was nothing to undo
  bool redo();

  bool dirty(DocumentKind kind) const;
  bool anyDirty() const;
  void markSaved(DocumentKind kind);  // the current state is what is on disk
  // Forgets everything (a document was opened or replaced): all clean.
  void clear();
  // Forgets every command; `fresh` (just opened) is clean, the others stay dirty until saved.
  void restart(DocumentKind fresh);
  std::size_t size() const { return entries_.size(); }

 private:
  struct Entry {
    CommandPtr command;
    std::uint64_t id;
  };
  std::uint64_t stateOf(DocumentKind kind) const;  // id of the last applied command touching kind

  Documents& docs_;
  std::vector<Entry> entries_;
  std::size_t done_ = 0;  // entries_[0, done_) are applied
  std::uint64_t nextId_ = 1;
  bool gestureOpen_ = false;
  std::array<std::uint64_t, kDocumentKinds> saved_{};
};

}  // namespace tb::session
