// The Briefing panel's requests inside the viewer's session: add/move/delete steps, Save, Open,
// preview in the 3D view, presenter mode from a step, and the unsaved-changes question before
// the window closes or another briefing replaces the edited one.
#define GLFW_INCLUDE_NONE
#include <GLFW/glfw3.h>
#include <fmt/format.h>

#include <algorithm>
#include <filesystem>
#include <vector>

#include "core/DataPaths.h"
#include "core/Error.h"
#include "core/Log.h"
#include "viewer/PresenterEdits.h"
#include "viewer/ViewerSession.h"

namespace tb::viewer {
namespace fs = std::filesystem;

// F5 (Shift+F5: from the selected step): present the briefing open in the Briefing panel, or
// else the scene's own briefing, opened into the panel first.
void ViewerSession::presentBriefing(bool fromSelectedStep) {
  ui::BriefingEditorState& editor = state_.editor;
  if (!editor.loaded) {
    const std::string beside = briefing::briefingBesideScene(world_.scene.path);
    if (beside.empty()) {
      notify("No briefing to present: open one in the Briefing panel", true);
      return;
    }
    openBriefing(beside);
    if (!editor.loaded) return;  // openBriefing has said why
  }
  ui::UiRequests r;
  r.presentFromStep = fromSelectedStep ? std::max(0, editor.selectedStep) : 0;
  handleBriefingRequests(r);
}

void ViewerSession::handleBriefingRequests(const ui::UiRequests& r) {
  ui::BriefingEditorState& editor = state_.editor;
  if (r.addStepFromView && editor.loaded && !state_.status.camera.located) {
    notify("Could not add a step: the camera has no geographic position here", true);
  } else if (r.addStepFromView && editor.loaded) {
    addStep(editor, stepFromCamera(state_.status.camera, editor.briefing));
    log::info("presenter: added step {} / {} from the current view", editor.selectedStep + 1,
              editor.briefing.steps.size());
  }
  if (r.moveStepUp && moveStep(editor, *r.moveStepUp, -1)) log::info("presenter: moved step {} up", *r.moveStepUp + 1);
  if (r.moveStepDown && moveStep(editor, *r.moveStepDown, +1))
    log::info("presenter: moved step {} down", *r.moveStepDown + 1);
  if (r.deleteStep && deleteStep(editor, *r.deleteStep)) log::info("presenter: deleted step {}", *r.deleteStep + 1);
  if (r.saveBriefing) saveBriefingEdits();
  if (r.saveBriefingAs && editor.loaded) {
    try {
      const std::string written = saveEditorAs(editor, *r.saveBriefingAs);
      notify("Saved the briefing as " + written, false);
    } catch (const std::exception& e) {
      notify(std::string("Could not save the briefing: ") + e.what(), true);
    }
  }
  if (r.stopPreview) stopPreview();
  if (r.previewFromStep) startPreview(static_cast<std::size_t>(*r.previewFromStep));
  if (r.presentFromStep) {
    stopPreview();
    try {
      enterPresenter(static_cast<std::size_t>(*r.presentFromStep));
    } catch (const Error& e) {
      notify(std::string("Cannot present: ") + e.what(), true);
    }
  }
  if (r.openBriefing) {
    pendingOpen_ = *r.openBriefing;
    if (editor.dirty) {
      pendingLeave_ = PendingLeave::Open;
      editor.askLeave = true;
      editor.leaveWhat = "opening " + fs::path(*r.openBriefing).filename().string();
    } else {
      openBriefing(pendingOpen_);
    }
  }
  if (r.leaveChoice) {
    const PendingLeave what = pendingLeave_;
    pendingLeave_ = PendingLeave::None;
    bool go = *r.leaveChoice == ui::LeaveChoice::Discard;
    if (*r.leaveChoice == ui::LeaveChoice::Save)
      go = (!editor.dirty || saveBriefingEdits()) &&
           (!authoring_->dirty(session::DocumentKind::Sites) || saveSiteEdits());
    log::info("presenter: unsaved changes: {}", *r.leaveChoice == ui::LeaveChoice::Save      ? "save"
                                                : *r.leaveChoice == ui::LeaveChoice::Discard ? "discard"
                                                                                             : "cancel");
    if (go && what == PendingLeave::Close) {
      closeConfirmed_ = true;
      window_->requestClose();
    } else if (go && what == PendingLeave::Open) {
      openBriefing(pendingOpen_);
    }
  }
}

bool ViewerSession::saveBriefingEdits() {
  try {
    saveEditor(state_.editor);
    notify("Saved the briefing to " + fs::absolute(state_.editor.briefing.path).lexically_normal().string(), false);
    return true;
  } catch (const Error& e) {
    notify(std::string("Could not save the briefing: ") + e.what(), true);
  } catch (const std::exception& e) {
    notify(std::string("Could not save the briefing: ") + e.what(), true);
  }
  return false;
}

void ViewerSession::openBriefing(const std::string& path) {
  try {
    briefing::Briefing b = briefing::loadBriefing(resolveDataArgument(path));
    if (!sameScene(b.scenePath, world_.scene.path))
      throw Error(path, "it is a briefing of the scene " + fs::absolute(b.scenePath).lexically_normal().string() +
                            ", not of the one shown (" + fs::absolute(world_.scene.path).lexically_normal().string() +
                            "); open that scene with --scene");
    briefing::validateAgainst(b, world_.scene);
    stopPreview();
    loadIntoEditor(state_.editor, std::move(b));
    notify(fmt::format("Opened the briefing {} ({} steps)", path, state_.editor.briefing.steps.size()), false);
  } catch (const Error& e) {
    notify(std::string("Could not open the briefing: ") + e.what(), true);
  }
}

bool ViewerSession::mayClose() {
  const bool sitesDirty = authoring_->dirty(session::DocumentKind::Sites);
  if (closeConfirmed_ || (!state_.editor.dirty && !sitesDirty)) return true;
  state_.editor.leaveSubject = state_.editor.dirty && sitesDirty ? "The briefing and the sites have"
                               : sitesDirty                     ? "The sites have"
                                                                : "";
  glfwSetWindowShouldClose(window_->handle(), GLFW_FALSE);
  if (presenter_) leavePresenter();  // the question needs the panels
  pendingLeave_ = PendingLeave::Close;
  state_.editor.askLeave = true;
  state_.editor.leaveWhat = "closing the window";
  log::info("presenter: unsaved changes: asking before closing");
  redrawFrames_ = std::max(redrawFrames_, 3);
  return false;
}

void ViewerSession::startPreview(std::size_t step) {
  try {
    preview_ = std::make_unique<Presenter>(state_.editor.briefing, world_, true);
    preview_->state().goTo(step, false);
    presenterClock_ = now();
    state_.editor.previewing = true;
    log::info("presenter: preview from step {} / {}", preview_->state().step() + 1, preview_->state().stepCount());
  } catch (const Error& e) {
    preview_.reset();
    notify(std::string("Cannot preview: ") + e.what(), true);
  }
}

void ViewerSession::stopPreview() {
  if (!preview_) return;
  // The viewer carries on from the frame the preview reached.
  const render::FrameSettings shown = preview_->frame(state_.frame);
  preview_.reset();
  state_.editor.previewing = false;
  carryOnFrom(shown);
  log::info("presenter: preview stopped");
}

// The preview's frame over the viewer's settings (size, tau, layers panel), advanced by the
// wall clock like presenter mode.
render::FrameSettings ViewerSession::previewFrame(const render::FrameSettings& base) {
  const double t = now();
  preview_->state().advance(std::clamp(t - presenterClock_, 0.0, 0.5));
  presenterClock_ = t;
  return preview_->frame(base);
}

}  // namespace tb::viewer
