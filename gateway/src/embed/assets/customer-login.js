// The embedded customer login's only script (docs/product.md#embeddable-customer-login). It runs
// in the gateway's origin, inside the portal's frame: the password goes from here to this
// origin's /graphql, never to the portal. On success it posts the session to the one origin the
// gateway checked (data-origin), never to '*', and forgets it.
(function () {
  'use strict';
  var form = document.getElementById('embed-login');
  if (!form) return;
  var origin = form.getAttribute('data-origin');
  var organisation = form.getAttribute('data-organisation');
  var text = JSON.parse(form.getAttribute('data-messages'));
  var message = document.getElementById('message');
  var button = form.querySelector('button[type="submit"]');
  var username = document.getElementById('username');
  var password = document.getElementById('password');
  var totpCode = document.getElementById('totp-code');
  var LOGIN =
    'mutation EmbedLogin($username: String!, $password: String!, $totpCode: String, $customerOf: ID!) ' +
    '{ login(username: $username, password: $password, totpCode: $totpCode, customerOf: $customerOf) { accessToken refreshToken expiresAt } }';

  function say(sentence, kind) {
    message.textContent = sentence;
    message.className = 'message ' + kind;
  }

  // The portal sizes the frame to its content (tenantry.js listens for this).
  function reportHeight() {
    if (window.parent !== window) window.parent.postMessage({ type: 'tenantry:resize', height: document.body.scrollHeight }, origin);
  }

  if (window.parent === window) {
    say(text.clientNotFramed, 'error');
    button.disabled = true;
    return;
  }
  if (window.ResizeObserver) new window.ResizeObserver(reportHeight).observe(document.body);
  reportHeight();

  function explain(errors) {
    var extensions = (errors[0] || {}).extensions || {};
    if (extensions.totpRequired) {
      totpCode.focus();
      return text.clientTotpRequired;
    }
    if (extensions.code === 'UNAUTHENTICATED') return text.clientWrong;
    if (extensions.code === 'RATE_LIMITED') return text.clientRateLimited;
    return text.clientFailed;
  }

  form.addEventListener('submit', function (event) {
    event.preventDefault();
    if (username.value.trim() === '' || password.value === '') {
      say(text.clientEmpty, 'error');
      (username.value.trim() === '' ? username : password).focus();
      return;
    }
    button.disabled = true;
    say(text.clientWorking, 'pending');
    fetch('/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      credentials: 'omit',
      body: JSON.stringify({
        query: LOGIN,
        variables: { username: username.value.trim(), password: password.value, totpCode: totpCode.value.trim() || null, customerOf: organisation },
      }),
    })
      .then(function (response) {
        return response.json();
      })
      .then(function (result) {
        button.disabled = false;
        if (result.errors || !result.data) {
          say(explain(result.errors || []), 'error');
          return;
        }
        var session = result.data.login;
        password.value = '';
        totpCode.value = '';
        form.hidden = true;
        say(text.clientSignedIn, 'success');
        window.parent.postMessage(
          { type: 'tenantry:session', accessToken: session.accessToken, refreshToken: session.refreshToken, expiresAt: session.expiresAt },
          origin,
        );
      })
      .catch(function () {
        button.disabled = false;
        say(text.clientFailed, 'error');
      });
  });
})();
