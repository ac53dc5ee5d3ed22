/*
 * Attendance page (templates/groups/attendance/meeting.html): save without
 * reloading. The page works without this file; with it, "Save" posts the
 * same form with fetch and asks for JSON, then shows per person who saved
 * it and when, and announces the result in the polite live region. When
 * anything goes wrong (no network, an error, not JSON) the form is sent the
 * normal way, so the server's page with its message takes over.
 */
(function () {
  "use strict";

  var form = document.getElementById("attendance-form");
  if (!form || !window.fetch || !window.FormData) {
    return;
  }
  var live = document.getElementById("attendance-live");
  var button = form.querySelector("button[type=submit]");
  var walkIn = document.getElementById("walk-in-form");
  var dirty = false;
  var busy = false;

  function personId(input) {
    return input.name.slice("status-".length);
  }

  function announce(text, isError) {
    // Emptied first, so the same text twice is announced twice.
    live.textContent = "";
    live.classList.toggle("waakvlam-attendance__live--error", Boolean(isError));
    window.setTimeout(function () {
      live.textContent = text;
    }, 50);
  }

  function show(people) {
    Object.keys(people).forEach(function (id) {
      var person = people[id];
      var saved = document.getElementById("saved-" + id);
      var attention = document.getElementById("attention-" + id);
      var fieldset = document.getElementById("person-" + id);
      if (saved) {
        saved.textContent = person.saved;
        saved.classList.toggle("waakvlam-attendance__saved--not-yet", !person.status);
        saved.classList.remove("waakvlam-attendance__saved--changed");
      }
      if (attention) {
        attention.textContent = person.attention;
        attention.hidden = !person.attention;
      }
      if (fieldset) {
        var described = ["saved-" + id];
        if (person.attention) {
          described.push("attention-" + id);
        }
        fieldset.setAttribute("aria-describedby", described.join(" "));
      }
    });
  }

  // Resolves true when saved; false when the caller should fall back.
  function save() {
    busy = true;
    button.disabled = true;
    var token = form.querySelector("input[name=csrfmiddlewaretoken]");
    return window
      .fetch(form.getAttribute("action") || window.location.href, {
        method: "POST",
        body: new window.FormData(form),
        credentials: "same-origin",
        headers: {
          Accept: "application/json",
          "X-CSRFToken": token ? token.value : "",
        },
      })
      .then(function (response) {
        var type = response.headers.get("Content-Type") || "";
        if (!response.ok || type.indexOf("application/json") === -1) {
          throw new Error("not saved");
        }
        return response.json();
      })
      .then(function (data) {
        if (!data.ok) {
          throw new Error("not saved");
        }
        show(data.people || {});
        dirty = false;
        announce(data.message, false);
        return true;
      })
      .catch(function () {
        return false;
      })
      .then(function (saved) {
        busy = false;
        button.disabled = false;
        return saved;
      });
  }

  form.addEventListener("change", function (event) {
    var input = event.target;
    if (!input.name || input.name.indexOf("status-") !== 0) {
      return;
    }
    dirty = true;
    var saved = document.getElementById("saved-" + personId(input));
    if (saved && form.dataset.unsaved) {
      saved.textContent = form.dataset.unsaved;
      saved.classList.add("waakvlam-attendance__saved--changed");
    }
  });

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    if (busy) {
      return;
    }
    save().then(function (saved) {
      if (!saved) {
        dirty = false; // no "leave page?" question for our own submit
        form.submit(); // the normal way: the server shows its message
      }
    });
  });

  // Leaving the page (a link, the back button) with unsaved choices: the
  // browser asks first, so a trainer's taps are not lost by accident.
  window.addEventListener("beforeunload", function (event) {
    if (dirty && !busy) {
      event.preventDefault();
      event.returnValue = "";
    }
  });

  // A walk-in reloads the page: save the choices made so far first.
  if (walkIn) {
    walkIn.addEventListener("submit", function (event) {
      if (!dirty) {
        return;
      }
      event.preventDefault();
      if (busy) {
        return;
      }
      save().then(function (saved) {
        if (saved) {
          walkIn.submit();
        } else {
          announce(form.dataset.failed || "", true);
          button.focus();
        }
      });
    });
  }
})();
