// The Briefing panel's requests inside the viewer's session: every edit of a step (add, move,
// delete, its fields, its view from the camera, retiming on the strip) as a session command,
// Save / Save As, Open, preview in the 3D view, presenter mode from a step, and the
// unsaved-changes question before the window closes or another briefing replaces the edited one.
#define GLFW_INCLUDE_NONE
#include <GLFW/glfw3.h>
#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <filesystem>
#include <vector>

#include "core/DataPaths.h"
#include "core/Error.h"
#include "briefing/TimelineStrip.h"
#include "core/Log.h"
#include "session/BriefingEdits.h"
#include "viewer/PresenterEdits.h"
#include "viewer/ViewerSession.h"

namespace tb::viewer {
namespace fs = std::filesystem;

// F5 (Shift+F5: from the selected step): present the briefing open in the Briefing panel, or
// else the scene's own briefing, opened into the panel first.
void ViewerSession::presentBriefing(bool fromSelectedStep) {
  ui::BriefingEditorState& editor = state_.editor;
  if (!briefingDoc().loaded) {
    const std::string beside = briefing::briefingBesideScene(world_.scene.path);
    if (beside.empty()) {
      notify("No briefing to present: open one in the Briefing panel", true);
      return;
    }
    openBriefing(beside);
    if (!briefingDoc().loaded) return;  // openBriefing has said why
  }
  ui::UiRequests r;
  r.presentFromStep = fromSelectedStep ? std::max(0, editor.selectedStep) : 0;
  handleBriefingRequests(r);
}

const session::BriefingDocument& ViewerSession::briefingDoc() const { return authoring_->documents().briefing; }

void ViewerSession::handleBriefingRequests(const ui::UiRequests& r) {
  ui::BriefingEditorState& editor = state_.editor;
  const bool loaded = briefingDoc().loaded;
  int& sel = editor.selectedStep;
  const auto done = [&](const std::string& problem, const std::string& what) {
    if (!problem.empty()) {
      notify("Not done: " + problem, true);
      return;
    }
    log::info("presenter: {}", what);
    syncDocuments(false);
  };
  if (r.addStepFromView && loaded && !state_.status.camera.located) {
    notify("Could not add a step: the camera has no geographic position here", true);
  } else if (r.addStepFromView && loaded) {
    const std::string p = addStep(*authoring_, sel, stepFromCamera(state_.status.camera, briefingDoc().briefing));
    done(p, fmt::format("added step {} / {} from the current view", sel + 1, briefingDoc().briefing.steps.size()));
  }
  if (r.moveStepUp) done(moveStep(*authoring_, sel, *r.moveStepUp, -1), fmt::format("moved step {} up", *r.moveStepUp + 1));
  if (r.moveStepDown)
    done(moveStep(*authoring_, sel, *r.moveStepDown, +1), fmt::format("moved step {} down", *r.moveStepDown + 1));
  if (r.deleteStep) done(deleteStep(*authoring_, sel, *r.deleteStep), fmt::format("deleted step {}", *r.deleteStep + 1));
  // The field's change, then the end of its gesture (a click's change comes with its release).
  const std::string stepProblem = applyStepEdit(*authoring_, r);
  if (r.editStep) {
    const ui::StepChange& c = *r.editStep;
    if (!stepProblem.empty() && stepProblem != "nothing changed") {
      notify("Not done: " + stepProblem, true);
    } else if (stepProblem.empty()) {
      // Typing and dragging send an edit per frame: one info line per undo step.
      const std::string what = fmt::format("{} {}: {}", c.label, c.index + 1, authoring_->history().undoLabel());
      if (c.mergeKey.empty() || c.mergeKey != lastMergeKey_) log::info("presenter: {}", what);
      else log::debug("presenter: {}", what);
      lastMergeKey_ = c.mergeKey;
      syncDocuments(false);
    }
  }
  if (r.endGesture) lastMergeKey_.clear();
  if (r.stepViewFromCamera && !state_.status.camera.located) {
    notify("Could not update the step: the camera has no geographic position here", true);
  } else if (r.stepViewFromCamera) {
    const int i = *r.stepViewFromCamera;
    const auto& steps = briefingDoc().briefing.steps;
    if (i >= 0 && i < static_cast<int>(steps.size())) {
      briefing::Step after = steps[static_cast<std::size_t>(i)];
      after.view = viewFromCamera(state_.status.camera);
      after.view.spec.name = after.id;
      const scene::ViewSpec& v = after.view.spec;
      // The --camera syntax, so a headless render can show the same view.
      const std::string camera = fmt::format("{:.6f},{:.6f},{:.0f},{:.1f},{:.1f}", v.lat, v.lon, v.rangeOrHeight,
                                             v.headingDeg, v.pitchDeg);
      done(authoring_->execute(session::editStep(briefingDoc(), i, after, "update step view")),
           fmt::format("step {} view from the camera {}", i + 1, camera));
    }
  }
  if (r.saveBriefing) saveBriefingEdits();
  if (r.saveBriefingAs && loaded) {
    try {
      const std::string written = authoring_->saveBriefingAs(*r.saveBriefingAs);
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
    if (authoring_->dirty(session::DocumentKind::Briefing)) {
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
      go = (!authoring_->dirty(session::DocumentKind::Briefing) || saveBriefingEdits()) &&
           (!authoring_->dirty(session::DocumentKind::Sites) || saveSiteEdits()) &&
           (what == PendingLeave::Open || !authoring_->dirty(session::DocumentKind::Views) || saveViewEdits());
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

void ViewerSession::syncDocuments(bool sites) {
  if (sites) syncSites();
  // Steps may name the views saved this session.
  world_.scene.views = authoring_->documents().views.views;
  ui::BriefingEditorState& editor = state_.editor;
  editor.selectedStep = keptSelection(*authoring_, editor.selectedStep);
  editor.strip.clear();
  const briefing::Briefing& b = briefingDoc().briefing;
  if (!briefingDoc().loaded || b.steps.empty()) return;
  try {
    // The planned lengths (a flight's automatic one included): what the presenter will play.
    editor.strip = briefing::stripSteps(briefing::BriefingTimeline(b, world_));
  } catch (const Error& e) {
    // A step the timeline refuses (a view deleted under it): the declared lengths, and why.
    notify(std::string("The briefing cannot play as it is: ") + e.what(), true);
    for (const briefing::Step& s : b.steps)
      editor.strip.push_back({s.transition.durationSeconds.value_or(
                                  s.transition.kind == briefing::TransitionKind::Fade ? briefing::kDefaultFadeSeconds : 0.0),
                              s.holdSeconds});
    editor.strip.front().transitionSeconds = 0;
  }
}

bool ViewerSession::runDocumentEdit(session::Edit edit) {
  const std::string problem = authoring_->execute(std::move(edit));
  if (!problem.empty()) {
    notify("Not done: " + problem, true);
    return false;
  }
  log::info("authoring: {}", authoring_->history().undoLabel());
  syncDocuments(false);
  return true;
}

void ViewerSession::saveAllEdits() {
  const bool any = authoring_->anyDirty();
  if (authoring_->dirty(session::DocumentKind::Sites)) saveSiteEdits();
  if (authoring_->dirty(session::DocumentKind::Views)) saveViewEdits();
  if (authoring_->dirty(session::DocumentKind::Briefing)) saveBriefingEdits();
  if (!any) notify("Nothing to save", false);
}

bool ViewerSession::saveBriefingEdits() {
  try {
    authoring_->saveBriefing();
    notify("Saved the briefing to " + fs::absolute(briefingDoc().briefing.path).lexically_normal().string(), false);
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
    authoring_->openBriefing(std::move(b));
    state_.editor.selectedStep = briefingDoc().briefing.steps.empty() ? -1 : 0;
    syncDocuments(false);
    notify(fmt::format("Opened the briefing {} ({} steps)", path, briefingDoc().briefing.steps.size()), false);
  } catch (const Error& e) {
    notify(std::string("Could not open the briefing: ") + e.what(), true);
  }
}

bool ViewerSession::mayClose() {
  std::vector<std::string> unsaved;
  if (authoring_->dirty(session::DocumentKind::Briefing)) unsaved.push_back("briefing");
  if (authoring_->dirty(session::DocumentKind::Sites)) unsaved.push_back("sites");
  if (authoring_->dirty(session::DocumentKind::Views)) unsaved.push_back("views");
  if (closeConfirmed_ || unsaved.empty()) return true;
  state_.editor.leaveSubject = unsaved.size() == 1 && unsaved[0] == "briefing"
                                   ? ""
                                   : fmt::format("The {} have", fmt::join(unsaved, " and the "));
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
    preview_ = std::make_unique<Presenter>(briefingDoc().briefing, world_, true, viewerDrawnAnalyses());
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
  // Editing carries on at the step the preview reached.
  state_.editor.selectedStep = static_cast<int>(preview_->state().step());
  preview_.reset();
  state_.editor.previewing = false;
  state_.editor.playhead = -1;
  carryOnFrom(shown);
  log::info("presenter: preview stopped");
}

// The preview's frame over the viewer's settings (size, tau, layers panel), advanced by the
// wall clock like presenter mode.
render::FrameSettings ViewerSession::previewFrame(const render::FrameSettings& base) {
  const double t = now();
  preview_->state().advance(std::clamp(t - presenterClock_, 0.0, 0.5));
  presenterClock_ = t;
  preview_->analyses().poll();
  state_.editor.playhead = preview_->state().time();
  return preview_->frame(base);
}

}  // namespace tb::viewer
