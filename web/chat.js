/*
 * Chat widget for Rasa's socketio channel (see README, « Page web »).
 * Message content is only ever inserted as text (never as HTML); http(s) URLs become links.
 * The session id and the history live in localStorage, so a reload keeps the conversation.
 */
(function () {
  "use strict";

  const STORAGE_KEY = "grappes-chat";
  const MAX_HISTORY = 200;
  const REPLY_TIMEOUT_MS = 30000;
  const URL_PATTERN = /https?:\/\/[^\s<>"]+/g;
  const TRAILING_PUNCTUATION = /[.,;:!?)\]»']+$/;
  // Every word the page shows by itself comes from bot/answers.py through config.js (scripts/web_server.py), with
  // its French non-breaking spaces; none is written here (tests/web/test_page_files.py checks both).
  const TEXTS = window.GRAPPES_CHAT.texts;
  const FEEDBACK = {
    positive: { payload: "/feedback_positive", symbol: "👍", label: TEXTS.feedback_positive },
    negative: { payload: "/feedback_negative", symbol: "👎", label: TEXTS.feedback_negative },
  };
  // Shown by the page itself, so that a visit without a question opens no conversation in the tracker store.
  const WELCOME = window.GRAPPES_CHAT.welcome;

  const log = document.getElementById("chat-log");
  const form = document.getElementById("chat-form");
  const input = document.getElementById("chat-input");
  const typing = document.getElementById("chat-typing");
  const status = document.getElementById("chat-status");
  const announcer = document.getElementById("chat-announcer");

  let state = loadState();
  let rated = null; // the answer that can still get 👍/👎: { item, element }
  let awaitingFeedbackThanks = false; // the bot's reply to a 👍/👎 is not itself rated
  let sessionConfirmed = false;
  let pending = [];
  let replyTimer = null;

  function newSessionId() {
    return Array.from(crypto.getRandomValues(new Uint8Array(16)), (b) => b.toString(16).padStart(2, "0")).join("");
  }

  function loadState() {
    try {
      const saved = JSON.parse(localStorage.getItem(STORAGE_KEY));
      if (saved && typeof saved.sessionId === "string" && Array.isArray(saved.history)) {
        return saved;
      }
    } catch (error) {
      // Unreadable storage: start a new conversation.
    }
    return { sessionId: newSessionId(), history: [] };
  }

  function saveState() {
    state.history = state.history.slice(-MAX_HISTORY);
    try {
      localStorage.setItem(STORAGE_KEY, JSON.stringify(state));
    } catch (error) {
      // Storage full or forbidden: the conversation still works, it just won't survive a reload.
    }
  }

  // --- rendering ------------------------------------------------------------------------------

  function link(url) {
    const anchor = document.createElement("a");
    anchor.href = url;
    anchor.textContent = url;
    anchor.target = "_blank";
    anchor.rel = "noopener noreferrer";
    return anchor;
  }

  /** The text as text nodes, with each http(s) URL as a link opening in a new tab. */
  function textWithLinks(text) {
    const fragment = document.createDocumentFragment();
    let start = 0;
    for (const match of text.matchAll(URL_PATTERN)) {
      const url = match[0].replace(TRAILING_PUNCTUATION, "");
      fragment.append(text.slice(start, match.index), link(url));
      start = match.index + url.length;
    }
    fragment.append(text.slice(start));
    return fragment;
  }

  /** A labelled group of buttons, announced as one control by screen readers. */
  function buttonGroup(className, label) {
    const group = document.createElement("div");
    group.className = className;
    group.setAttribute("role", "group");
    group.setAttribute("aria-label", label);
    return group;
  }

  function plainButton(text) {
    const element = document.createElement("button");
    element.type = "button";
    element.textContent = text;
    return element;
  }

  function quickReplies(buttons) {
    const group = buttonGroup("quick-replies", TEXTS.suggestions);
    for (const button of buttons) {
      const element = plainButton(button.title);
      element.addEventListener("click", () => {
        send(button.title, button.payload);
        input.focus();
      });
      group.append(element);
    }
    return group;
  }

  function feedbackGiven(kind) {
    const note = document.createElement("p");
    note.className = "feedback-given";
    note.textContent = `${TEXTS.your_feedback}${FEEDBACK[kind].symbol} ${FEEDBACK[kind].label.toLowerCase()}`;
    return note;
  }

  function feedbackButtons(item) {
    const group = buttonGroup("feedback", TEXTS.feedback_question);
    for (const [kind, feedback] of Object.entries(FEEDBACK)) {
      const element = plainButton(feedback.symbol);
      element.title = feedback.label;
      element.setAttribute("aria-label", feedback.label);
      element.addEventListener("click", () => giveFeedback(item, kind));
      group.append(element);
    }
    return group;
  }

  function messageElement(item) {
    const element = document.createElement("li");
    element.className = `message message-${item.from}`;
    const author = document.createElement("span");
    author.className = "visually-hidden";
    author.textContent = item.from === "user" ? TEXTS.from_user : TEXTS.from_bot;
    const text = document.createElement("p");
    text.className = "message-text";
    text.append(author, item.from === "bot" ? textWithLinks(item.text) : item.text);
    element.append(text);
    if (item.buttons && item.buttons.length) {
      element.append(quickReplies(item.buttons));
    }
    return element;
  }

  /** Only the latest answer can be rated; an older one keeps the opinion given, if any. */
  function retireFeedback() {
    if (rated && !rated.item.feedback) {
      rated.element.remove();
    }
    rated = null;
  }

  function show(item) {
    const element = messageElement(item);
    retireFeedback();
    if (item.rateable) {
      const feedback = item.feedback ? feedbackGiven(item.feedback) : feedbackButtons(item);
      element.append(feedback);
      rated = { item, element: feedback };
    }
    log.append(element);
    log.scrollTop = log.scrollHeight;
  }

  function announce(text) {
    const line = document.createElement("p");
    line.textContent = text;
    announcer.append(line);
    while (announcer.childElementCount > 5) {
      announcer.firstElementChild.remove();
    }
  }

  function setStatus(text) {
    status.textContent = text;
    status.hidden = !text;
  }

  function setTyping(on) {
    typing.hidden = !on;
    clearTimeout(replyTimer);
    if (on) {
      replyTimer = setTimeout(() => {
        typing.hidden = true;
        setStatus(TEXTS.no_reply);
      }, REPLY_TIMEOUT_MS);
    }
  }

  function renderAll() {
    log.replaceChildren();
    rated = null;
    show(WELCOME);
    state.history.forEach(show);
  }

  // --- talking to Rasa --------------------------------------------------------------------------

  const socket = io(window.GRAPPES_CHAT.rasaUrl);

  /** Messages wait until Rasa has put this socket in the session's room, or the reply would be lost. */
  function emit(message) {
    if (sessionConfirmed) {
      socket.emit("user_uttered", { message, session_id: state.sessionId });
    } else {
      pending.push(message);
    }
  }

  function send(text, message) {
    const item = { from: "user", text };
    state.history.push(item);
    saveState();
    show(item);
    awaitingFeedbackThanks = false;
    emit(message);
    setTyping(true);
  }

  function giveFeedback(item, kind) {
    item.feedback = kind;
    saveState();
    rated.element.replaceWith(feedbackGiven(kind));
    rated = null;
    awaitingFeedbackThanks = true;
    emit(FEEDBACK[kind].payload);
    setTyping(true);
    input.focus();
  }

  socket.on("connect", () => {
    sessionConfirmed = false;
    socket.emit("session_request", { session_id: state.sessionId });
  });

  socket.on("session_confirm", () => {
    sessionConfirmed = true;
    setStatus("");
    pending.splice(0).forEach(emit);
  });

  socket.on("disconnect", () => {
    sessionConfirmed = false;
  });

  socket.on("connect_error", () => {
    setStatus(TEXTS.no_connection);
  });

  // Sent by channels/socketio.py after the last reply of a turn: how many bot messages the log then shows (tests
  // wait on it rather than on a delay).
  socket.on("bot_turn_done", () => {
    setTyping(false);
    log.dataset.repliesShown = String(log.querySelectorAll(".message-bot").length);
  });

  socket.on("bot_uttered", (message) => {
    if (!message || typeof message.text !== "string") {
      return; // this assistant only sends text, with or without buttons
    }
    const buttons = (message.quick_replies || [])
      .filter((b) => typeof b.title === "string" && typeof b.payload === "string")
      .map((b) => ({ title: b.title, payload: b.payload }));
    const item = { from: "bot", text: message.text, buttons, rateable: !awaitingFeedbackThanks };
    state.history.push(item);
    saveState();
    setTyping(false);
    setStatus("");
    show(item);
    announce(TEXTS.from_bot + message.text);
  });

  // --- page events --------------------------------------------------------------------------------

  form.addEventListener("submit", (event) => {
    event.preventDefault();
    const text = input.value.trim();
    if (!text) {
      return;
    }
    input.value = "";
    send(text, text);
  });

  document.getElementById("chat-reset").addEventListener("click", () => {
    state = { sessionId: newSessionId(), history: [] };
    saveState();
    pending = [];
    awaitingFeedbackThanks = false;
    setTyping(false);
    renderAll();
    socket.disconnect().connect(); // a new socket joins only the new session's room
    input.focus();
  });

  renderAll();
})();
