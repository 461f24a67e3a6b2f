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

  var LANGUAGE_KEY = 'wijkhub.playground.lang';

  // The page's own words; the schema's descriptions stay English for developers.
  var TEXT = {
    nl: {
      tokenLabel: 'Bearer-token',
      tokenPlaceholder: 'plak een token dat `wijkhub serve --demo` afdrukt',
      clear: 'Wissen',
      examplesLabel: 'Voorbeelden',
      examplesPick: 'Kies een voorbeeld…',
      notice: 'Nog geen token: plak hierboven een bearer-token om het schema te laden ' +
        '(documentatie en aanvulling). Openbare vragen, zoals die hieronder, werken ook zonder.',
      loading: 'GraphiQL wordt geladen…',
      failed: 'GraphiQL kon niet laden; zie de console van de browser.',
      other: 'English',
      city: 'Gemeente (programmabureau)',
      partner: 'Partner',
      welcome: [
        '# Welkom in de wijkhub-playground.',
        '#',
        '# Voor het meeste van de API is een token',
        '# nodig. Start de server met',
        '# `wijkhub serve --demo`, kopieer een token',
        '# dat hij afdrukt en plak het in het vak',
        '# "Bearer-token" hierboven. Het gaat mee als',
        '# "Authorization: Bearer <token>" en blijft in',
        '# deze browser tot u op Wissen drukt.',
        '#',
        '# Kies onder "Voorbeelden" een vraag voor',
        '# uw rol, of typ er zelf een. Uitvoeren met',
        '# de afspeelknop of Ctrl-Enter; het boek',
        '# links opent de documentatie van het schema.'
      ]
    },
    en: {
      tokenLabel: 'Bearer token',
      tokenPlaceholder: 'paste a token printed by `wijkhub serve --demo`',
      clear: 'Clear',
      examplesLabel: 'Examples',
      examplesPick: 'Pick an example…',
      notice: 'No token yet: paste a bearer token above to load the schema (docs and ' +
        'autocompletion). Public queries such as the one below run without one.',
      loading: 'Loading GraphiQL…',
      failed: 'GraphiQL failed to load; check the browser console.',
      other: 'Nederlands',
      city: 'City (programme office)',
      partner: 'Partner',
      welcome: [
        '# Welcome to the wijkhub playground.',
        '#',
        '# Most of the API needs a token. Start the',
        '# server with `wijkhub serve --demo`, copy a',
        '# token it prints and paste it into the',
        '# "Bearer token" box above. It is sent as',
        '# "Authorization: Bearer <token>" and kept',
        '# in this browser until you press Clear.',
        '#',
        '# Pick a query for your role under',
        '# "Examples", or write your own. Run it with',
        '# the play button or Ctrl-Enter; the book',
        '# icon on the left opens the schema docs.'
      ]
    }
  };

  var PUBLIC_QUERY = ['', '{', '  stadsdelen {', '    nodes {', '      code', '      name',
    '    }', '  }', '}', ''];

  // Saved operations per role that run as they are against the demo data. `prepare` names
  // what is looked up with the token first and passed as variables.
  var WIJK_OVERVIEW = [
    'query Wijkoverzicht($wijk: String! = "WK051836") {',
    '  wijkOverview(code: $wijk) {',
    '    wijk { code name }',
    '    projectCount',
    '    projectsByPhase { phase count }',
    '    effects { effect { name } projectsAssessed meanObservedScore }',
    '  }',
    '}'
  ].join('\n');
  var OPEN_SIGNALS = [
    'query OpenSignalen {',
    '  signals(first: 20, filter: { status: NEW }) {',
    '    totalCount',
    '    nodes { title theme urgency reportedAt wijk { code name } }',
    '  }',
    '}'
  ].join('\n');
  var LIVE_NOTE = {
    nl: ['# Loopt tot u op stop drukt; wijzig iets (ander tabblad, een client)',
      '# en het verschijnt hier.'],
    en: ['# Runs until you stop it; change something (another tab, a client)',
      '# and it appears here.']
  };
  var LIVE_CHANGES = [
    'subscription LiveWijzigingen($after: String) {',
    '  changes(after: $after) {',
    '    entityType entityId operation version changedAt',
    '  }',
    '}'
  ].join('\n');
  var EXAMPLES = [
    {
      id: 'city-running', role: 'city',
      title: { nl: 'Lopende projecten', en: 'Running projects' },
      query: [
        'query LopendeProjecten {',
        '  projects(first: 20, filter: { phase: RUNNING },',
        '           orderBy: { field: UPDATED_AT, direction: DESC }) {',
        '    totalCount',
        '    nodes { title lead { name } wijken { code name } budget { total } }',
        '  }',
        '}'
      ].join('\n')
    },
    {
      id: 'city-wijk', role: 'city',
      title: { nl: 'Overzicht van een wijk (Moerwijk)', en: 'A wijk\'s overview (Moerwijk)' },
      query: WIJK_OVERVIEW
    },
    {
      id: 'city-signals', role: 'city',
      title: { nl: 'Open signalen', en: 'Open signals' },
      query: OPEN_SIGNALS
    },
    {
      id: 'city-live', role: 'city', prepare: 'head', note: LIVE_NOTE,
      title: { nl: 'Live: wijzigingen (abonnement)', en: 'Live: changes (subscription)' },
      query: LIVE_CHANGES
    },
    {
      id: 'partner-mine', role: 'partner', prepare: 'organisation',
      title: { nl: 'Mijn projecten', en: 'My projects' },
      query: [
        'query MijnProjecten($organisation: ID!) {',
        '  projects(first: 20, filter: { organisationId: $organisation }) {',
        '    totalCount',
        '    nodes { title phase visibility participants { role organisation { name } } }',
        '  }',
        '}'
      ].join('\n')
    },
    {
      id: 'partner-wijk', role: 'partner',
      title: { nl: 'Overzicht van een wijk (Moerwijk)', en: 'A wijk\'s overview (Moerwijk)' },
      query: WIJK_OVERVIEW
    },
    {
      id: 'partner-signals', role: 'partner',
      title: { nl: 'Open signalen van mijn organisatie', en: 'My organisation\'s open signals' },
      query: OPEN_SIGNALS
    },
    {
      id: 'partner-live', role: 'partner', prepare: 'head', note: LIVE_NOTE,
      title: { nl: 'Live: wijzigingen (abonnement)', en: 'Live: changes (subscription)' },
      query: LIVE_CHANGES
    }
  ];

  // What `prepare` looks up, and how its answer becomes the example's variables.
  var PREPARE = {
    organisation: {
      query: '{ me { organisation { id } } }',
      variables: function (data) {
        var organisation = data && data.me && data.me.organisation;
        return { organisation: organisation ? organisation.id : null };
      }
    },
    // From the head on, so the subscription shows what happens from now on.
    head: {
      query: '{ changesHead }',
      variables: function (data) {
        return { after: data ? data.changesHead : null };
      }
    }
  };

  function storageGet(key) {
    try {
      return window.localStorage.getItem(key) || '';
    } catch (e) {
      return '';
    }
  }

  function storageSet(key, value) {
    try {
      if (value) {
        window.localStorage.setItem(key, value);
      } else {
        window.localStorage.removeItem(key);
      }
    } catch (e) {
      // Storage disabled: the playground works, it just forgets.
    }
  }

  // `?lang=nl|en` wins and is remembered; otherwise the remembered choice; Dutch by default.
  function chooseLanguage() {
    var asked = new URLSearchParams(window.location.search).get('lang');
    if (asked === 'nl' || asked === 'en') {
      storageSet(LANGUAGE_KEY, asked);
      return asked;
    }
    return storageGet(LANGUAGE_KEY) === 'en' ? 'en' : 'nl';
  }

  var language = chooseLanguage();
  var text = TEXT[language];
  var DEFAULT_QUERY = text.welcome.concat(PUBLIC_QUERY).join('\n');

  function applyLanguage() {
    document.documentElement.lang = language;
    Array.prototype.forEach.call(document.querySelectorAll('[data-text]'), function (node) {
      node.textContent = text[node.getAttribute('data-text')];
    });
    Array.prototype.forEach.call(document.querySelectorAll('[data-placeholder]'), function (node) {
      node.setAttribute('placeholder', text[node.getAttribute('data-placeholder')]);
    });
    var other = language === 'nl' ? 'en' : 'nl';
    var link = document.getElementById('lang');
    var params = new URLSearchParams(window.location.search);
    params.set('lang', other);
    link.href = '?' + params.toString();
    link.lang = other;
    link.hreflang = other;
    link.textContent = text.other;
  }

  function fillExamples(select) {
    ['city', 'partner'].forEach(function (role) {
      var group = document.createElement('optgroup');
      group.label = text[role];
      EXAMPLES.filter(function (example) {
        return example.role === role;
      }).forEach(function (example) {
        var option = document.createElement('option');
        option.value = example.id;
        option.textContent = example.title[language];
        group.appendChild(option);
      });
      select.appendChild(group);
    });
  }

  var tokenInput = document.getElementById('token');
  var clearButton = document.getElementById('clear');
  var mount = document.getElementById('graphiql');
  var notice = document.getElementById('notice');
  var examples = document.getElementById('examples');
  applyLanguage();
  fillExamples(examples);

  // localStorage throws when storage is disabled (some privacy settings);
  // the playground still works then, it just forgets the token.
  function loadToken() {
    return storageGet(TOKEN_KEY);
  }

  function saveToken(value) {
    storageSet(TOKEN_KEY, value);
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

  function socketUrl() {
    var scheme = window.location.protocol === 'https:' ? 'wss://' : 'ws://';
    return scheme + window.location.host + ENDPOINT + '/ws';
  }

  // The document without its strings and comments, where keywords can be looked for.
  function bareSource(query) {
    return String(query || '')
      .replace(/"(?:[^"\\]|\\.)*"/g, '""')
      .replace(/#[^\n]*/g, '');
  }

  // GraphiQL reads the operation's name from its editor on a debounce, so a run started right
  // after an example replaced the document can carry the previous document's name, which the
  // server rightly refuses ("Unknown operation named …"). A name the document does not define
  // is such a leftover: the document's own name goes instead when it has one operation, and no
  // name when it has several (the server then says a name is needed).
  function withCurrentOperationName(params) {
    var name = params.operationName;
    if (!name || !/^[_A-Za-z][_0-9A-Za-z]*$/.test(name)) {
      return params;
    }
    var source = bareSource(params.query);
    if (new RegExp('\\b(?:query|mutation|subscription)\\s+' + name + '\\b').test(source)) {
      return params;
    }
    var defined = source.match(/\b(?:query|mutation|subscription)\s+[_A-Za-z][_0-9A-Za-z]*/g) || [];
    var fixed = {};
    Object.keys(params).forEach(function (key) {
      fixed[key] = params[key];
    });
    fixed.operationName = defined.length === 1 ? defined[0].split(/\s+/)[1] : undefined;
    return fixed;
  }

  // Whether the operation to run is a subscription (comments and strings aside, by keyword).
  function isSubscription(params) {
    var source = bareSource(params.query);
    var name = params.operationName;
    if (name) {
      return new RegExp('\\bsubscription\\s+' + name + '\\b').test(source);
    }
    return /^\s*subscription\b/.test(source);
  }

  // A fresh function each time: GraphiQL refetches the schema whenever the
  // fetcher prop changes, which is what we want after the token changed.
  function makeFetcher() {
    var token = currentToken();
    // Subscriptions go over the WebSocket with graphql-ws (bundled in GraphiQL), the token in
    // `connection_init` as the server asks; one client per token, opened on first use.
    var live = window.GraphiQL.createFetcher({
      url: ENDPOINT,
      subscriptionUrl: socketUrl(),
      wsConnectionParams: token ? { Authorization: 'Bearer ' + token } : {}
    });
    return function fetcher(asked, opts) {
      var params = withCurrentOperationName(asked);
      if (isSubscription(params)) {
        return live(params, opts);
      }
      var headers = new Headers();
      headers.set('Content-Type', 'application/json');
      headers.set('Accept', ACCEPT);
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
    showFatal(text.failed);
    return;
  }

  var root = window.ReactDOM.createRoot(mount);
  // Set when an example is chosen; GraphiQL puts a changed value into its editors.
  var chosen = { query: undefined, variables: undefined };

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
        query: chosen.query,
        variables: chosen.variables,
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

  // Looks up what the example needs with the caller's token (their organisation, the feed's
  // head), so the example runs as it is.
  function prepared(example) {
    var prepare = PREPARE[example.prepare];
    if (!prepare) {
      return Promise.resolve(null);
    }
    var token = currentToken();
    if (!token) {
      return Promise.resolve(prepare.variables(null));
    }
    return fetch(ENDPOINT, {
      method: 'POST',
      headers: {
        'Content-Type': 'application/json',
        Accept: ACCEPT,
        Authorization: 'Bearer ' + token
      },
      body: JSON.stringify({ query: prepare.query }),
      credentials: 'same-origin'
    }).then(function (response) {
      return response.json();
    }).then(function (body) {
      return prepare.variables(body && body.data);
    }, function () {
      return prepare.variables(null);
    });
  }

  examples.addEventListener('change', function () {
    var example = EXAMPLES.filter(function (e) {
      return e.id === examples.value;
    })[0];
    if (!example) {
      return;
    }
    prepared(example).then(function (variables) {
      var note = example.note ? example.note[language].join('\n') + '\n' : '';
      chosen = {
        query: note + example.query,
        variables: JSON.stringify(variables || {}, null, 2)
      };
      render();
    });
  });

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
