// File > Open (Ctrl+O or the toolbar's "File"): a path field over a list of the folder's files
// (ImGui has no native dialog), the recent files, the question about unsaved changes before
// another scene or briefing opens, and saving layers added by dropping files into the scene file.
// The viewer carries out the requests (viewer/ViewerFiles.cpp).
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "ui/UiState.h"

namespace tb::ui {

struct FileUiState {
  bool show = false;
  std::string path;        // the field: a file to open, or a folder to list
  std::string listedDir;   // the folder whose entries are listed
  struct Entry {
    std::string name;
    bool folder = false;
  };
  std::vector<Entry> entries;
  std::vector<std::string> recent;  // newest first
  std::string recentProblem;        // the recent list could not be read (shown once in the window)
  std::optional<std::string> askUnsaved;  // the file waiting on the unsaved-changes question
  std::string unsavedWhat;                // "The sites have", "The briefing has"...
  int layersUnsaved = 0;                  // layers added by dropping, not yet in the scene file
};

struct FileRequests {
  std::optional<std::string> open;
  std::optional<LeaveChoice> unsavedChoice;  // the answer to askUnsaved
  bool saveLayers = false;
};

// Lists the folder of `state.path` (or the folder itself) when it changed: folders first, then
// files, hidden ones left out, sorted by name.
void listFolder(FileUiState& state);
void drawFileWindow(const Layout& layout, FileUiState& state, FileRequests& requests);

}  // namespace tb::ui
