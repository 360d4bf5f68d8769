// The inactivity warning: the GOV.UK "timeout warning" pattern (ADR 0016), as progressive
// enhancement. Only pages for a signed-in person load it.
//
// The server signs a person out after SESSION_IDLE_TIMEOUT without a request
// (aln.common.middleware.IdleTimeoutMiddleware), with or without this script. The script:
// - tells the server the person is still here (POST to the keep-alive URL) when they type, click or
//   scroll, at most once per `data-activity-every` seconds, so someone writing a long answer is
//   never signed out while they work;
// - before the warning is due, asks the server (GET, which does not count as activity) how long is
//   really left, so that activity in another tab counts; then opens the dialog, with a countdown in
//   its aria-live paragraph. "Stay signed in" (or Escape) keeps the session; "Sign out" signs out;
// - when the time has run out: with nothing unsent on the page, goes to the sign-in page (which says
//   why); with a form holding unsent changes, stays on the page, says that the person was signed out
//   and that their typing is still there, and holds the forms back until they have signed in again
//   in another tab, when it gives the forms a fresh CSRF token.
// The server's answers are read as numbers and strings only; nothing is parsed as HTML.

const RETRY_MS = 5000;
const ACTIVITY_EVENTS = ["keydown", "pointerdown", "scroll", "input"];

function unsentChanges() {
  for (const form of document.querySelectorAll("main form")) {
    if (form.method.toLowerCase() !== "post") {
      continue;
    }
    for (const field of form.elements) {
      if (field.disabled || field.type === "hidden" || field.type === "submit") {
        continue;
      }
      if (field.type === "checkbox" || field.type === "radio") {
        if (field.checked !== field.defaultChecked) {
          return true;
        }
      } else if (field.tagName === "SELECT") {
        for (const option of field.options) {
          if (option.selected !== option.defaultSelected) {
            return true;
          }
        }
      } else if ("defaultValue" in field && field.value !== field.defaultValue) {
        return true;
      }
    }
  }
  return false;
}

// The dialog's and the banner's GOV.UK classes are added only when they are shown, so that until
// then the page holds only its own banners and button groups.
function dress(root) {
  for (const element of [root, ...root.querySelectorAll("[data-timeout-class]")]) {
    if (element.dataset.timeoutClass) {
      element.classList.add(...element.dataset.timeoutClass.split(" "));
    }
  }
}

function start(dialog) {
  const data = dialog.dataset;
  const timeoutMs = Number(data.timeout) * 1000;
  const warningMs = Number(data.warning) * 1000;
  const activityEveryMs = Number(data.activityEvery) * 1000;
  const countdown = dialog.querySelector("[data-timeout-countdown]");
  const stayButton = dialog.querySelector("[data-timeout-stay]");
  const banner = document.getElementById("timeout-signed-out");

  let expiresAt = Date.now() + Number(data.secondsLeft) * 1000;
  let lastSent = Date.now(); // the page's own request counted as activity
  let lastActivity = 0;
  let timer;
  let ticker;
  let returnFocus = null;
  let signedOut = false;
  let shownMinutes = null;

  function signInUrl() {
    const here = window.location.pathname + window.location.search;
    return `${data.signInUrl}?${new URLSearchParams({ next: here })}`;
  }

  function csrfToken() {
    const input = document.querySelector("input[name=csrfmiddlewaretoken]");
    return input ? input.value : "";
  }

  // What the server says: {signedIn: false}, {signedIn: true, seconds_left, user, csrf_token}, or
  // null when it could not be asked (offline): the caller tries again.
  async function ask() {
    try {
      const response = await fetch(data.keepAliveUrl, {
        headers: { Accept: "application/json" },
        credentials: "same-origin",
        cache: "no-store",
        redirect: "manual", // signed out: the answer is a redirect to sign in, not followed
      });
      if (response.status !== 200) {
        return { signedIn: false };
      }
      const body = await response.json();
      return { signedIn: true, ...body };
    } catch {
      return null;
    }
  }

  async function keepAlive() {
    const sentAt = Date.now();
    lastSent = sentAt;
    try {
      const response = await fetch(data.keepAliveUrl, {
        method: "POST",
        headers: { "X-CSRFToken": csrfToken() },
        credentials: "same-origin",
        redirect: "manual",
      });
      if (response.status === 204) {
        expiresAt = sentAt + timeoutMs;
        schedule();
        return;
      }
    } catch {
      // Unknown: ask below.
    }
    await check();
  }

  function schedule(delay = expiresAt - warningMs - Date.now()) {
    window.clearTimeout(timer);
    timer = window.setTimeout(check, Math.max(1000, delay));
  }

  function showMinutes() {
    const minutes = Math.max(1, Math.ceil((expiresAt - Date.now()) / 60000));
    if (minutes === shownMinutes) {
      return;
    }
    const sentence = dialog.querySelector(`template[data-minutes="${minutes}"]`);
    if (sentence) {
      countdown.textContent = sentence.content.textContent.trim();
      shownMinutes = minutes;
    }
  }

  function open() {
    if (!dialog.open) {
      returnFocus = document.activeElement;
      shownMinutes = null;
      showMinutes();
      dress(dialog);
      dialog.showModal();
      dialog.focus();
      ticker = window.setInterval(showMinutes, 1000);
    }
  }

  function close() {
    window.clearInterval(ticker);
    if (dialog.open) {
      dialog.close();
      if (returnFocus && document.contains(returnFocus)) {
        returnFocus.focus();
      }
      returnFocus = null;
    }
  }

  // Timed: the warning is due, or the time is up. The server has the last word.
  async function check() {
    window.clearTimeout(timer);
    if (signedOut) {
      return;
    }
    if (lastActivity > lastSent && !dialog.open) {
      await keepAlive(); // they worked since the last message: that is not inactivity
      return;
    }
    const answer = await ask();
    if (answer === null) {
      schedule(RETRY_MS);
    } else if (!answer.signedIn) {
      expire();
    } else {
      const leftMs = answer.seconds_left * 1000;
      expiresAt = Date.now() + leftMs;
      if (leftMs > warningMs + 1000) {
        close(); // used in another tab
        schedule();
      } else {
        if (leftMs > 0) {
          open();
        }
        // The server ends the session on the first request after the time is up.
        schedule(leftMs + 1000);
      }
    }
  }

  function expire() {
    signedOut = true;
    window.clearTimeout(timer);
    close();
    if (banner && unsentChanges()) {
      banner.parentElement.prepend(banner);
      dress(banner);
      banner.querySelector("[data-timeout-state=signed-out]").hidden = false;
      banner.querySelector("[data-timeout-state=signed-in]").hidden = true;
      banner.hidden = false;
      banner.focus();
    } else {
      window.location.assign(signInUrl());
    }
  }

  // Back from signing in again in another tab (as the same person): the forms may be sent.
  async function recheck() {
    if (!signedOut) {
      if (Date.now() >= expiresAt - warningMs) {
        await check();
      }
      return;
    }
    const answer = await ask();
    if (answer && answer.signedIn && String(answer.user) === data.user) {
      for (const input of document.querySelectorAll("input[name=csrfmiddlewaretoken]")) {
        input.value = answer.csrf_token;
      }
      signedOut = false;
      lastSent = Date.now();
      expiresAt = lastSent + answer.seconds_left * 1000;
      banner.querySelector("[data-timeout-state=signed-out]").hidden = true;
      banner.querySelector("[data-timeout-state=signed-in]").hidden = false;
      banner.focus();
      schedule();
    }
  }

  function activity() {
    if (signedOut || dialog.open) {
      return;
    }
    lastActivity = Date.now();
    if (lastActivity - lastSent >= activityEveryMs) {
      keepAlive();
    }
  }

  function stay() {
    close();
    keepAlive();
  }

  stayButton.addEventListener("click", stay);
  // Escape means "stay signed in", as the pattern asks; the browser would only close the dialog.
  dialog.addEventListener("cancel", (event) => {
    event.preventDefault();
    stay();
  });
  for (const type of ACTIVITY_EVENTS) {
    document.addEventListener(type, activity, { capture: true, passive: true });
  }
  // Signed out with unsent typing: sending now would only lose it on the way to the sign-in page.
  document.addEventListener(
    "submit",
    (event) => {
      if (signedOut && !dialog.contains(event.target)) {
        event.preventDefault();
        banner.focus();
      }
    },
    true,
  );
  document.addEventListener("visibilitychange", () => {
    if (document.visibilityState === "visible") {
      recheck();
    }
  });
  window.addEventListener("focus", recheck);
  window.addEventListener("pageshow", (event) => {
    if (event.persisted) {
      recheck();
    }
  });
  schedule();
}

const dialog = document.getElementById("timeout-warning");
if (dialog && typeof dialog.showModal === "function") {
  start(dialog);
}
