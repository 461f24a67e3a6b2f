// Staff playground: mounts GraphiQL (UMD globals React, ReactDOM, GraphiQL)
// and sends the token from the header bar with every request.
//
// This file is loaded as a same-origin script under script-src 'self', so it
// must not use eval, new Function or string timers.
(function () {
  'use strict';

  var TOKEN_KEY = 'wijkhub.playground.token';
  var ENDPOINT = '/graphql';
  var ACCEPT = 'application/graphql-response+json, application/json';
  // Pasting fires one input event, typing fires many; wait for a pause before
  // reloading the schema with the new token.
  var SCHEMA_RELOAD_DELAY_MS = 400;

  var DEFAULT_QUERY = [
    '# Welcome to the wijkhub playground.',
    '#',
    '# Most of the API needs a token. Start the',
    '# server with `wijkhub serve --demo`, copy a',
    '# token it prints and paste it into the',
    '# "Bearer token" box above. It is sent as',
    '# "Authorization: Bearer <token>" and kept',
    '# in this browser until you press Clear.',
    '#',
    '# Run a query with the play button or',
    '# Ctrl-Enter; the book icon on the left',
    '# opens the schema docs.',
    '',
    '{',
    '  stadsdelen {',
    '    nodes {',
    '      code',
    '      name',
    '    }',
    '  }',
    '}',
    ''
  ].join('\n');

  var tokenInput = document.getElementById('token');
  var clearButton = document.getElementById('clear');
  var mount = document.getElementById('graphiql');
  var notice = document.getElementById('notice');

  // localStorage throws when storage is disabled (some privacy settings);
  // the playground still works then, it just forgets the token.
  function loadToken() {
    try {
      return window.localStorage.getItem(TOKEN_KEY) || '';
    } catch (e) {
      return '';
    }
  }

  function saveToken(value) {
    try {
      if (value) {
        window.localStorage.setItem(TOKEN_KEY, value);
      } else {
        window.localStorage.removeItem(TOKEN_KEY);
      }
    } catch (e) {
      // see loadToken
    }
  }

  // People paste the whole header value as often as the bare token.
  function currentToken() {
    return tokenInput.value.trim().replace(/^bearer\s+/i, '');
  }

  function showFatal(message) {
    mount.textContent = '';
    var p = document.createElement('p');
    p.className = 'wh-loading';
    p.textContent = message;
    mount.appendChild(p);
  }

  function errorResult(response, text) {
    var message = 'HTTP ' + response.status + ' ' + response.statusText;
    if (text) {
      message += ': ' + text.slice(0, 2000);
    }
    return { errors: [{ message: message }] };
  }

  // A fresh function each time: GraphiQL refetches the schema whenever the
  // fetcher prop changes, which is what we want after the token changed.
  function makeFetcher() {
    return function fetcher(params, opts) {
      var headers = new Headers();
      headers.set('Content-Type', 'application/json');
      headers.set('Accept', ACCEPT);
      var token = currentToken();
      if (token) {
        headers.set('Authorization', 'Bearer ' + token);
      }
      // Headers typed into GraphiQL's own Headers tab win over the box.
      var extra = opts && opts.headers;
      if (extra) {
        Object.keys(extra).forEach(function (name) {
          headers.set(name, String(extra[name]));
        });
      }
      return fetch(ENDPOINT, {
        method: 'POST',
        headers: headers,
        body: JSON.stringify(params),
        credentials: 'same-origin'
      }).then(function (response) {
        return response.text().then(function (text) {
          // GraphQL-over-HTTP answers errors with 4xx and a JSON body, which
          // GraphiQL should show as a normal result.
          try {
            return JSON.parse(text);
          } catch (e) {
            return errorResult(response, text);
          }
        });
      });
    };
  }

  if (!window.React || !window.ReactDOM || !window.GraphiQL) {
    showFatal('GraphiQL failed to load; check the browser console.');
    return;
  }

  var root = window.ReactDOM.createRoot(mount);

  function render() {
    // The server refuses introspection without a token (UNAUTHENTICATED),
    // which GraphiQL would show as a failed schema load. Without one it is
    // told there is no schema (null: do not ask) and the notice says why.
    var signedIn = currentToken() !== '';
    notice.hidden = signedIn;
    root.render(
      window.React.createElement(window.GraphiQL, {
        fetcher: makeFetcher(),
        schema: signedIn ? undefined : null,
        defaultQuery: DEFAULT_QUERY,
        // The token lives in the box above; never persist header-tab contents.
        shouldPersistHeaders: false,
        isHeadersEditorEnabled: true
      })
    );
  }

  var reloadTimer = null;

  function scheduleSchemaReload() {
    if (reloadTimer !== null) {
      window.clearTimeout(reloadTimer);
    }
    reloadTimer = window.setTimeout(function () {
      reloadTimer = null;
      render();
    }, SCHEMA_RELOAD_DELAY_MS);
  }

  tokenInput.value = loadToken();

  tokenInput.addEventListener('input', function () {
    saveToken(currentToken());
    scheduleSchemaReload();
  });

  clearButton.addEventListener('click', function () {
    tokenInput.value = '';
    saveToken('');
    scheduleSchemaReload();
    tokenInput.focus();
  });

  render();
})();
