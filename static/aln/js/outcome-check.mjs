// The IDP outcome checker, while the outcome is typed (progressive enhancement).
//
// Without this script the element form still works: "Check this outcome" posts the form and the
// page comes back with the checker's findings. With it, the findings region (aria-live="polite")
// is updated a moment after the author stops typing, from the JSON endpoint `idps:check-outcome`.
// Everything is built with textContent: the server's messages are never parsed as HTML.

const PAUSE_MS = 700;

function paragraph(className, text, strong) {
  const element = document.createElement("p");
  element.className = className;
  if (strong) {
    const bold = document.createElement("strong");
    bold.textContent = text;
    element.append(bold);
  } else {
    element.textContent = text;
  }
  return element;
}

function render(region, result) {
  region.replaceChildren();
  if (result.empty) {
    return;
  }
  const heading = document.createElement("p");
  heading.className = "govuk-body govuk-!-font-weight-bold govuk-!-margin-bottom-2";
  heading.dataset.passes = result.passes ? "true" : "false";
  heading.textContent = result.title;
  region.append(heading);
  if (!result.problems.length) {
    return;
  }
  const list = document.createElement("ul");
  list.className = "govuk-list";
  for (const problem of result.problems) {
    const item = document.createElement("li");
    item.dataset.code = problem.code;
    item.append(
      paragraph("govuk-body govuk-!-margin-bottom-1", problem.message, true),
      paragraph("govuk-body-s", problem.suggestion, false),
    );
    list.append(item);
  }
  region.append(list);
}

function watch(region) {
  const input = document.getElementById(region.dataset.input);
  if (!input) {
    return;
  }
  let timer;
  let controller;
  let checked = input.value;
  input.addEventListener("input", () => {
    window.clearTimeout(timer);
    timer = window.setTimeout(async () => {
      const text = input.value;
      if (text === checked) {
        return;
      }
      checked = text;
      if (controller) {
        controller.abort();
      }
      controller = new AbortController();
      // POST: the outcome often names the child, and must not end up in addresses or logs.
      const body = new FormData();
      body.set("text", text);
      body.set("language", region.dataset.language);
      const token = input.form && input.form.querySelector("input[name=csrfmiddlewaretoken]");
      try {
        const response = await fetch(new URL(region.dataset.url, window.location.href), {
          method: "POST",
          body,
          headers: { Accept: "application/json", "X-CSRFToken": token ? token.value : "" },
          credentials: "same-origin",
          signal: controller.signal,
        });
        if (response.ok) {
          render(region, await response.json());
        }
      } catch {
        // Offline, or overtaken by newer typing: the "Check this outcome" button still works.
      }
    }, PAUSE_MS);
  });
}

for (const region of document.querySelectorAll("[data-outcome-check]")) {
  watch(region);
}
