// The account pages' only script: it reads the link's token from location.search (never from the
// HTML), checks what a browser can check (both passwords equal, the length rule) and posts the
// public mutation to this origin's /graphql. The users subgraph decides everything else.
(function () {
  'use strict';
  var form = document.getElementById('account-form');
  if (!form) return;
  var page = form.getAttribute('data-page');
  var lang = form.getAttribute('data-lang');
  var text = JSON.parse(form.getAttribute('data-messages'));
  var minLength = Number(form.getAttribute('data-min-length'));
  var maxLength = Number(form.getAttribute('data-max-length'));
  var message = document.getElementById('message');
  var button = form.querySelector('button[type="submit"]');
  var password = document.getElementById('new-password');
  var repeat = document.getElementById('repeat-password');
  var repeatError = document.getElementById('repeat-error');
  var lengthHint = document.getElementById('password-length');
  var usernameOrEmail = document.getElementById('username-or-email');
  var token = new URLSearchParams(window.location.search).get('token');
  var needsToken = page !== 'forgot-password';

  function fill(sentence, values) {
    return sentence.replace(/\{(\w+)\}/g, function (whole, name) {
      return Object.prototype.hasOwnProperty.call(values, name) ? String(values[name]) : whole;
    });
  }

  function say(sentence, kind, offerNewLink) {
    message.textContent = sentence;
    message.className = 'message ' + kind;
    if (offerNewLink) {
      var link = document.createElement('a');
      link.href = '/forgot-password?lang=' + encodeURIComponent(lang);
      link.textContent = text.clientRequestNewLink;
      message.appendChild(document.createTextNode(' '));
      message.appendChild(link);
    }
  }

  function done(sentence) {
    return { kind: 'success', sentence: sentence, offerNewLink: false };
  }

  function refused(sentence, offerNewLink) {
    return { kind: 'error', sentence: sentence, offerNewLink: offerNewLink };
  }

  // Code points, as the server counts them.
  function lengthOf(value) {
    return Array.from(value).length;
  }

  function showLength() {
    var count = lengthOf(password.value);
    var values = { count: count, min: minLength, max: maxLength };
    if (count < minLength) lengthHint.textContent = fill(text.clientLengthShort, values);
    else if (count > maxLength) lengthHint.textContent = fill(text.clientLengthLong, values);
    else lengthHint.textContent = fill(text.clientLengthOk, values);
    lengthHint.className = count >= minLength && count <= maxLength ? 'hint ok' : 'hint';
  }

  function checkRepeat(evenIfEmpty) {
    var differs = (repeat.value !== '' || evenIfEmpty) && repeat.value !== password.value;
    repeatError.textContent = differs ? text.clientMismatch : '';
    repeat.setAttribute('aria-invalid', differs ? 'true' : 'false');
    return !differs;
  }

  function graphql(query, variables, accessToken) {
    var headers = { 'content-type': 'application/json' };
    if (accessToken) headers.authorization = 'Bearer ' + accessToken;
    return fetch('/graphql', {
      method: 'POST',
      headers: headers,
      credentials: 'omit',
      body: JSON.stringify({ query: query, variables: variables }),
    }).then(function (response) {
      return response.json();
    });
  }

  function explain(errors) {
    var error = errors[0] || {};
    var extensions = error.extensions || {};
    if (extensions.code === 'INVITATION_EXPIRED') return refused(text.clientLinkExpired, true);
    if (extensions.code === 'RATE_LIMITED') return refused(text.clientRateLimited, false);
    if (extensions.code === 'BAD_USER_INPUT') {
      // A refusal that names no input field is about the link itself.
      if (needsToken && !extensions.field && !extensions.fields) return refused(text.clientLinkInvalid, true);
      return refused(error.message, false);
    }
    return refused(text.clientFailed, false);
  }

  var submitters = {
    activate: function () {
      return graphql('mutation Activate($token: String!, $password: String!) { activateAccount(token: $token, password: $password) { accessToken } }', {
        token: token,
        password: password.value,
      }).then(function (result) {
        if (result.errors) return explain(result.errors);
        // The new session says whose account it is; the page keeps no token.
        return graphql('query Me { me { username } }', {}, result.data.activateAccount.accessToken).then(function (me) {
          if (me.data && me.data.me) return done(fill(text.clientActivateDone, { username: me.data.me.username }));
          return done(text.clientResetDone);
        });
      });
    },
    'reset-password': function () {
      return graphql('mutation Reset($token: String!, $password: String!) { resetPassword(token: $token, password: $password) }', {
        token: token,
        password: password.value,
      }).then(function (result) {
        if (result.errors) return explain(result.errors);
        return done(text.clientResetDone);
      });
    },
    'forgot-password': function () {
      return graphql('mutation Forgot($usernameOrEmail: String!) { requestPasswordReset(usernameOrEmail: $usernameOrEmail) }', {
        usernameOrEmail: usernameOrEmail.value.trim(),
      }).then(function (result) {
        if (result.errors) return explain(result.errors);
        return done(text.clientForgotDone);
      });
    },
    'confirm-email': function () {
      return graphql('mutation Confirm($token: String!) { confirmEmailChange(token: $token) }', { token: token }).then(function (result) {
        if (result.errors) return explain(result.errors);
        return done(text.clientConfirmDone);
      });
    },
  };

  if (password) {
    showLength();
    password.addEventListener('input', function () {
      showLength();
      checkRepeat(false);
    });
    repeat.addEventListener('input', function () {
      checkRepeat(false);
    });
  }

  if (needsToken && !token) {
    say(text.clientMissingToken, 'error', page !== 'confirm-email');
    button.disabled = true;
    return;
  }

  form.addEventListener('submit', function (event) {
    event.preventDefault();
    var empty = [password, usernameOrEmail].filter(function (field) {
      return field && (field === usernameOrEmail ? field.value.trim() : field.value) === '';
    })[0];
    if (empty) {
      say(text.clientEmpty, 'error', false);
      empty.focus();
      return;
    }
    if (password && !checkRepeat(true)) {
      say(text.clientMismatch, 'error', false);
      repeat.focus();
      return;
    }
    button.disabled = true;
    say(text.clientWorking, 'pending', false);
    submitters[page]()
      .catch(function () {
        return refused(text.clientFailed, false);
      })
      .then(function (outcome) {
        // The button works again before the outcome is said, so the answer can be acted on at once.
        button.disabled = false;
        if (outcome.kind === 'success') form.hidden = true;
        say(outcome.sentence, outcome.kind, outcome.offerNewLink);
      });
  });
})();
