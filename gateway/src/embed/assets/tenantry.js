// The one script a partner portal includes from the gateway (docs/product.md#embeddable-customer-login):
//   <script src="https://graph.example.com/embed/tenantry.js"></script>
//   Tenantry.mountCustomerLogin(element, { organisation: '<managing organisation id>', lang: 'de' })
//     .then(function (session) { /* session.accessToken, refreshToken, expiresAt */ });
// The login form lives in a frame served by the gateway, so the portal's own script never sees a
// password; the session comes back by postMessage, taken only from the gateway's origin and frame.
(function () {
  'use strict';
  var script = document.currentScript;
  if (!script || !script.src) return;
  var gatewayOrigin = new URL(script.src).origin;

  function mountCustomerLogin(element, options) {
    var settings = options || {};
    if (!element || typeof element.appendChild !== 'function' || !settings.organisation) {
      return Promise.reject(new TypeError('Tenantry.mountCustomerLogin(element, { organisation, lang }) needs an element and an organisation id.'));
    }
    var url = new URL('/embed/customer-login', gatewayOrigin);
    url.searchParams.set('origin', window.location.origin);
    url.searchParams.set('organisation', String(settings.organisation));
    if (settings.lang) url.searchParams.set('lang', String(settings.lang));
    var frame = document.createElement('iframe');
    frame.src = url.toString();
    frame.title = settings.title || 'Sign in';
    frame.style.border = '0';
    frame.style.display = 'block';
    frame.style.width = '100%';
    frame.style.height = '30rem';
    return new Promise(function (resolve) {
      function receive(event) {
        if (event.origin !== gatewayOrigin || event.source !== frame.contentWindow) return;
        var data = event.data;
        if (!data || typeof data !== 'object') return;
        if (data.type === 'tenantry:resize' && typeof data.height === 'number') {
          frame.style.height = Math.ceil(data.height) + 'px';
        } else if (data.type === 'tenantry:session') {
          window.removeEventListener('message', receive);
          resolve({ accessToken: data.accessToken, refreshToken: data.refreshToken, expiresAt: data.expiresAt });
        }
      }
      window.addEventListener('message', receive);
      element.appendChild(frame);
    });
  }

  window.Tenantry = { mountCustomerLogin: mountCustomerLogin, graphqlUrl: gatewayOrigin + '/graphql' };
})();
