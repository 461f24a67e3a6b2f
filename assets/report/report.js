// The programme report: reads `programmeReport` through /graphql with the pasted token and
// draws its figures as SVG charts with tables beside them. Plain DOM and SVG, no library.
//
// Loaded under script-src 'self' and style-src 'self': no eval, no inline styles (every look is
// a class in report.css; SVG geometry is set with attributes).
(function () {
  'use strict';

  var TOKEN_KEY = 'wijkhub.report.token';
  var LANG_KEY = 'wijkhub.report.lang';
  var SVG = 'http://www.w3.org/2000/svg';

  var QUERY = [
    'query ProgrammeReport($scope: ReportScopeInput, $period: ReportPeriodInput) {',
    '  programmeReport(scope: $scope, period: $period) {',
    '    scope { kind code name }',
    '    period { from to }',
    '    dataAsOf projectCount signalCount medianDaysToClose',
    '    projectsByPhase { phase count }',
    '    projectsByTheme { theme count }',
    '    effects { effect { code name } projectsAiming assessedCount meanScore distribution }',
    '    budget { source status year amount }',
    '    budgetBySource { source amount }',
    '    signalsByMonth { month theme urgency status count }',
    '    participation { organisation { code name } leadCount contributorCount }',
    '    continuation { status count }',
    '    lessonsLearned { projectTitle kind evaluatedOn lessons }',
    '  }',
    '}'
  ].join('\n');

  var TEXT = {
    nl: {
      title: 'Programmarapportage wijkaanpak',
      token: 'Token',
      tokenPlaceholder: 'plak een token (wijkhub serve --demo)',
      clear: 'Wissen',
      scope: 'Gebied',
      period: 'Periode',
      periodPlaceholder: '2025 of 2025-01-01..2025-06-30',
      show: 'Toon',
      print: 'Afdrukken / PDF',
      otherLanguage: 'English',
      kindProgramme: 'Hele programma',
      kindStadsdeel: 'Stadsdeel',
      kindFocusArea: 'Focusgebied',
      kindWijk: 'Wijk',
      asOf: 'Stand van de gegevens',
      allTime: 'alle jaren',
      titleNote: 'Alle cijfers tellen wat de aanvrager van deze rapportage mag inzien.',
      noToken: 'Nog geen token: plak hierboven een token om de rapportage te laden.',
      loading: 'Rapportage laden…',
      failed: 'De rapportage kon niet worden geladen: ',
      badPeriod: 'Geef de periode als een jaar (2025) of als begin..eind (2025-01-01..2025-06-30).',
      keyFigures: 'Kerncijfers',
      projects: 'Projecten',
      signals: 'Signalen',
      medianDays: 'Mediane doorlooptijd signaal (dagen)',
      none: '–',
      phases: 'Projecten per fase',
      phase: 'Fase',
      count: 'Aantal',
      themes: 'Projecten per thema',
      theme: 'Thema',
      effects: 'Effecten',
      effect: 'Effect',
      aiming: 'Projecten gericht op',
      assessed: 'Beoordeeld',
      mean: 'Gemiddelde score',
      distribution: 'Scores 0 / 1 / 2 / 3',
      budgetBySource: 'Budget per bron',
      source: 'Bron',
      amount: 'Bedrag',
      budgetNote: 'Afgewezen regels tellen niet mee.',
      budgetDetail: 'Budget per jaar, bron en status',
      year: 'Jaar',
      status: 'Status',
      signalsPerMonth: 'Signalen per maand',
      month: 'Maand',
      signalsDetail: 'Signalen per thema, urgentie en status',
      urgency: 'Urgentie',
      participation: 'Deelname per organisatie',
      organisation: 'Organisatie',
      lead: 'Trekker',
      contributor: 'Bijdrager',
      continuation: 'Borging',
      lessons: 'Geleerde lessen (openbare evaluaties)',
      noLessons: 'Geen openbare evaluaties met lessen in deze periode.',
      empty: 'Geen gegevens.',
      programme: 'Hele programma',
      page: 'pagina',
      values: {
        IDEA: 'Idee', INTAKE: 'Intake', REVIEWED: 'Getoetst', APPROVED: 'Goedgekeurd',
        RUNNING: 'Loopt', PAUSED: 'Gepauzeerd', COMPLETED: 'Afgerond', EVALUATED: 'Geëvalueerd',
        EMBEDDED: 'Geborgd', STOPPED: 'Gestopt',
        HOUSING: 'Wonen', WORK: 'Werk', EDUCATION: 'Onderwijs', HEALTH: 'Gezondheid',
        SAFETY: 'Veiligheid', PARTICIPATION: 'Participatie', POVERTY: 'Armoede',
        LIVING_ENVIRONMENT: 'Leefomgeving', YOUTH: 'Jeugd', MEETING: 'Ontmoeting',
        MUNICIPALITY: 'Gemeente', HOUSING_CORPORATION: 'Woningcorporatie',
        NATIONAL_GOVERNMENT: 'Rijk', FUND: 'Fonds', OWN_CONTRIBUTION: 'Eigen bijdrage',
        OTHER: 'Overig',
        BUDGETED: 'Begroot', REQUESTED: 'Aangevraagd', GRANTED: 'Toegekend',
        ADVANCED: 'Bevoorschot', SETTLED: 'Vastgesteld', REJECTED: 'Afgewezen',
        LOW: 'Laag', MEDIUM: 'Gemiddeld', HIGH: 'Hoog',
        NEW: 'Nieuw', IN_PROGRESS: 'In behandeling', ESCALATED: 'Geëscaleerd',
        POLICY_ADJUSTED: 'Beleid aangepast', CLOSED: 'Gesloten', DISMISSED: 'Afgewezen',
        NOT_STARTED: 'Niet gestart', PREPARING: 'In voorbereiding', SECURED: 'Geborgd',
        NOT_SECURED: 'Niet geborgd',
        MIDTERM: 'Tussentijds', FINAL: 'Eind', FOLLOW_UP: 'Vervolg',
        PROGRAMME: 'Programma', STADSDEEL: 'Stadsdeel', FOCUS_AREA: 'Focusgebied', WIJK: 'Wijk'
      }
    },
    en: {
      title: 'Neighbourhood programme report',
      token: 'Token',
      tokenPlaceholder: 'paste a token (wijkhub serve --demo)',
      clear: 'Clear',
      scope: 'Area',
      period: 'Period',
      periodPlaceholder: '2025 or 2025-01-01..2025-06-30',
      show: 'Show',
      print: 'Print / PDF',
      otherLanguage: 'Nederlands',
      kindProgramme: 'Whole programme',
      kindStadsdeel: 'Stadsdeel',
      kindFocusArea: 'Focus area',
      kindWijk: 'Wijk',
      asOf: 'Data as of',
      allTime: 'all years',
      titleNote: 'Every figure counts what the reader of this report may see.',
      noToken: 'No token yet: paste a token above to load the report.',
      loading: 'Loading the report…',
      failed: 'The report could not be loaded: ',
      badPeriod: 'Give the period as a year (2025) or as start..end (2025-01-01..2025-06-30).',
      keyFigures: 'Key figures',
      projects: 'Projects',
      signals: 'Signals',
      medianDays: 'Median days from signal to closing',
      none: '–',
      phases: 'Projects by phase',
      phase: 'Phase',
      count: 'Count',
      themes: 'Projects by theme',
      theme: 'Theme',
      effects: 'Effects',
      effect: 'Effect',
      aiming: 'Projects aiming at it',
      assessed: 'Assessed',
      mean: 'Mean score',
      distribution: 'Scores 0 / 1 / 2 / 3',
      budgetBySource: 'Budget by source',
      source: 'Source',
      amount: 'Amount',
      budgetNote: 'Rejected lines are left out.',
      budgetDetail: 'Budget by year, source and status',
      year: 'Year',
      status: 'Status',
      signalsPerMonth: 'Signals per month',
      month: 'Month',
      signalsDetail: 'Signals by theme, urgency and status',
      urgency: 'Urgency',
      participation: 'Participation per organisation',
      organisation: 'Organisation',
      lead: 'Lead',
      contributor: 'Contributor',
      continuation: 'Continuation (borging)',
      lessons: 'Lessons learned (public evaluations)',
      noLessons: 'No public evaluations with lessons in this period.',
      empty: 'No data.',
      programme: 'Whole programme',
      page: 'page',
      values: {
        IDEA: 'Idea', INTAKE: 'Intake', REVIEWED: 'Reviewed', APPROVED: 'Approved',
        RUNNING: 'Running', PAUSED: 'Paused', COMPLETED: 'Completed', EVALUATED: 'Evaluated',
        EMBEDDED: 'Embedded', STOPPED: 'Stopped',
        HOUSING: 'Housing', WORK: 'Work', EDUCATION: 'Education', HEALTH: 'Health',
        SAFETY: 'Safety', PARTICIPATION: 'Participation', POVERTY: 'Poverty',
        LIVING_ENVIRONMENT: 'Living environment', YOUTH: 'Youth', MEETING: 'Meeting',
        MUNICIPALITY: 'Municipality', HOUSING_CORPORATION: 'Housing corporation',
        NATIONAL_GOVERNMENT: 'National government', FUND: 'Fund',
        OWN_CONTRIBUTION: 'Own contribution', OTHER: 'Other',
        BUDGETED: 'Budgeted', REQUESTED: 'Requested', GRANTED: 'Granted',
        ADVANCED: 'Advanced', SETTLED: 'Settled', REJECTED: 'Rejected',
        LOW: 'Low', MEDIUM: 'Medium', HIGH: 'High',
        NEW: 'New', IN_PROGRESS: 'In progress', ESCALATED: 'Escalated',
        POLICY_ADJUSTED: 'Policy adjusted', CLOSED: 'Closed', DISMISSED: 'Dismissed',
        NOT_STARTED: 'Not started', PREPARING: 'Preparing', SECURED: 'Secured',
        NOT_SECURED: 'Not secured',
        MIDTERM: 'Midterm', FINAL: 'Final', FOLLOW_UP: 'Follow-up',
        PROGRAMME: 'Programme', STADSDEEL: 'Stadsdeel', FOCUS_AREA: 'Focus area', WIJK: 'Wijk'
      }
    }
  };

  var params = new URLSearchParams(window.location.search);
  var lang = chooseLanguage();
  var t = TEXT[lang];
  var locale = lang === 'nl' ? 'nl-NL' : 'en-GB';

  var tokenInput = document.getElementById('token');
  var statusLine = document.getElementById('status');
  var reportMain = document.getElementById('report');
  var sections = document.getElementById('sections');
  var scopeKind = document.getElementById('scope-kind');
  var scopeCode = document.getElementById('scope-code');
  var periodInput = document.getElementById('period');

  // localStorage throws when storage is disabled; the page then forgets, nothing more.
  function stored(key) {
    try {
      return window.localStorage.getItem(key) || '';
    } catch (e) {
      return '';
    }
  }

  function store(key, value) {
    try {
      if (value) {
        window.localStorage.setItem(key, value);
      } else {
        window.localStorage.removeItem(key);
      }
    } catch (e) {
      // see stored
    }
  }

  // ?lang= wins and is remembered; else what was chosen before; else Dutch.
  function chooseLanguage() {
    var asked = params.get('lang');
    if (asked === 'nl' || asked === 'en') {
      store(LANG_KEY, asked);
      return asked;
    }
    var remembered = stored(LANG_KEY);
    return remembered === 'en' ? 'en' : 'nl';
  }

  function label(value) {
    return t.values[value] || value;
  }

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined && text !== null) node.textContent = String(text);
    return node;
  }

  function svg(tag, attributes) {
    var node = document.createElementNS(SVG, tag);
    Object.keys(attributes || {}).forEach(function (name) {
      node.setAttribute(name, String(attributes[name]));
    });
    return node;
  }

  function integer(n) {
    return new Intl.NumberFormat(locale).format(n);
  }

  function decimal(n) {
    return n === null || n === undefined
      ? t.none
      : new Intl.NumberFormat(locale, { minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(n);
  }

  function euro(amount) {
    return new Intl.NumberFormat(locale, {
      style: 'currency', currency: 'EUR', maximumFractionDigits: 0
    }).format(Number(amount));
  }

  function day(iso) {
    var parts = iso.split('-');
    var date = new Date(Date.UTC(+parts[0], +parts[1] - 1, +parts[2]));
    return new Intl.DateTimeFormat(locale, { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }).format(date);
  }

  function monthName(month) {
    var parts = month.split('-');
    var date = new Date(Date.UTC(+parts[0], +parts[1] - 1, 1));
    return new Intl.DateTimeFormat(locale, { month: 'short', year: 'numeric', timeZone: 'UTC' }).format(date);
  }

  function applyLanguage() {
    document.documentElement.lang = lang;
    document.title = t.title;
    Array.prototype.forEach.call(document.querySelectorAll('[data-t]'), function (node) {
      var key = node.getAttribute('data-t');
      if (t[key] !== undefined) node.textContent = t[key];
    });
    tokenInput.placeholder = t.tokenPlaceholder;
    periodInput.placeholder = t.periodPlaceholder;
    var other = lang === 'nl' ? 'en' : 'nl';
    var next = new URLSearchParams(window.location.search);
    next.set('lang', other);
    document.getElementById('lang').href = '?' + next.toString();
  }

  // ?scope=wijk:WK051836 | stadsdeel:ESC | focusArea:CODE ; ?period=2025 | 2025-01-01..2025-06-30
  function readScope() {
    var scope = params.get('scope') || '';
    var colon = scope.indexOf(':');
    if (colon > 0) {
      scopeKind.value = scope.slice(0, colon);
      scopeCode.value = scope.slice(colon + 1);
    }
    periodInput.value = params.get('period') || '';
  }

  function variables() {
    var vars = {};
    var code = scopeCode.value.trim();
    if (scopeKind.value && code) {
      vars.scope = {};
      vars.scope[scopeKind.value + 'Code'] = code;
    }
    var period = periodInput.value.trim();
    if (/^\d{4}$/.test(period)) {
      vars.period = { from: period + '-01-01', to: period + '-12-31' };
    } else if (period.indexOf('..') > 0) {
      var ends = period.split('..');
      vars.period = { from: ends[0].trim(), to: ends[1].trim() };
    } else if (period) {
      return null;
    }
    return vars;
  }

  function currentToken() {
    return tokenInput.value.trim().replace(/^bearer\s+/i, '');
  }

  function say(message) {
    statusLine.textContent = message;
    statusLine.hidden = !message;
  }

  function load() {
    var token = currentToken();
    if (!token) {
      reportMain.hidden = true;
      say(t.noToken);
      return;
    }
    var vars = variables();
    if (!vars) {
      reportMain.hidden = true;
      say(t.badPeriod);
      return;
    }
    say(t.loading);
    fetch('/graphql', {
      method: 'POST',
      headers: {
        'Content-Type': 'application/json',
        'Accept': 'application/graphql-response+json, application/json',
        'Authorization': 'Bearer ' + token
      },
      body: JSON.stringify({ query: QUERY, variables: vars })
    })
      .then(function (response) { return response.json(); })
      .then(function (answer) {
        if (answer.errors && answer.errors.length) {
          var first = answer.errors[0];
          var field = first.extensions && first.extensions.field ? ' (' + first.extensions.field + ')' : '';
          throw new Error(first.message + field);
        }
        render(answer.data.programmeReport);
        say('');
      })
      .catch(function (error) {
        reportMain.hidden = true;
        say(t.failed + error.message);
      });
  }

  var CHART_TITLES = { phases: 'phases', effects: 'effects', budget: 'budgetBySource', signals: 'signalsPerMonth' };

  // ---- charts ----------------------------------------------------------------------------

  // Horizontal bars, one row per item: label, bar, value. Each row is a <g data-key data-value>.
  function barChart(name, rows, format, options) {
    options = options || {};
    var labelWidth = 190;
    var barWidth = 300;
    var valueWidth = 110;
    var rowHeight = 26;
    var width = labelWidth + barWidth + valueWidth;
    var height = Math.max(rows.length, 1) * rowHeight + 8;
    var max = rows.reduce(function (m, r) { return Math.max(m, r.value); }, 0) || 1;
    var chart = svg('svg', { viewBox: '0 0 ' + width + ' ' + height, width: width, height: height, role: 'img', class: 'chart-svg' });
    rows.forEach(function (row, i) {
      var y = 4 + i * rowHeight;
      var length = Math.max(row.value > 0 ? 2 : 0, Math.round(barWidth * row.value / max));
      var g = svg('g', { 'data-key': row.key, 'data-value': row.value, class: 'bar' });
      var name = svg('text', { x: labelWidth - 8, y: y + rowHeight / 2 + 4, 'text-anchor': 'end', class: 'chart-label' });
      name.textContent = row.label;
      // A funnel centres its bars; the other charts start them at the axis.
      var x = options.centred ? labelWidth + (barWidth - length) / 2 : labelWidth;
      var bar = svg('rect', { x: x, y: y + 3, width: length, height: rowHeight - 8, rx: 2, class: 'bar-fill ' + (options.tone || '') });
      var value = svg('text', { x: labelWidth + barWidth + 8, y: y + rowHeight / 2 + 4, class: 'chart-value' });
      value.textContent = format(row.value);
      var title = svg('title');
      title.textContent = row.label + ': ' + format(row.value);
      g.appendChild(title);
      g.appendChild(name);
      g.appendChild(bar);
      g.appendChild(value);
      chart.appendChild(g);
    });
    return figure(name, chart);
  }

  // Two bars per effect: projects aiming at it, and projects assessed on it.
  function effectChart(effects) {
    var labelWidth = 190;
    var barWidth = 300;
    var valueWidth = 60;
    var rowHeight = 34;
    var width = labelWidth + barWidth + valueWidth;
    var height = Math.max(effects.length, 1) * rowHeight + 30;
    var max = effects.reduce(function (m, e) { return Math.max(m, e.projectsAiming, e.assessedCount); }, 0) || 1;
    var chart = svg('svg', { viewBox: '0 0 ' + width + ' ' + height, width: width, height: height, role: 'img', class: 'chart-svg' });
    effects.forEach(function (e, i) {
      var y = 4 + i * rowHeight;
      var g = svg('g', {
        'data-key': e.effect.code, 'data-aiming': e.projectsAiming, 'data-assessed': e.assessedCount,
        'data-mean': e.meanScore === null ? '' : e.meanScore, class: 'bar'
      });
      var name = svg('text', { x: labelWidth - 8, y: y + 18, 'text-anchor': 'end', class: 'chart-label' });
      name.textContent = e.effect.name;
      g.appendChild(name);
      [[e.projectsAiming, 'tone-a', 2], [e.assessedCount, 'tone-b', 16]].forEach(function (bar) {
        var length = Math.max(bar[0] > 0 ? 2 : 0, Math.round(barWidth * bar[0] / max));
        g.appendChild(svg('rect', { x: labelWidth, y: y + bar[2], width: length, height: 12, rx: 2, class: 'bar-fill ' + bar[1] }));
        var value = svg('text', { x: labelWidth + length + 4, y: y + bar[2] + 10, class: 'chart-value small' });
        value.textContent = integer(bar[0]);
        g.appendChild(value);
      });
      chart.appendChild(g);
    });
    var legendY = height - 12;
    [[t.aiming, 'tone-a', 0], [t.assessed, 'tone-b', 190]].forEach(function (item) {
      chart.appendChild(svg('rect', { x: labelWidth + item[2], y: legendY - 9, width: 10, height: 10, class: 'bar-fill ' + item[1] }));
      var text = svg('text', { x: labelWidth + item[2] + 14, y: legendY, class: 'chart-value small' });
      text.textContent = item[0];
      chart.appendChild(text);
    });
    return figure('effects', chart);
  }

  // Columns, one per month from the first to the last (months without signals show as 0).
  function monthChart(months) {
    var keys = Object.keys(months).sort();
    var all = [];
    if (keys.length) {
      var y = +keys[0].slice(0, 4);
      var m = +keys[0].slice(5, 7);
      var last = keys[keys.length - 1];
      for (var guard = 0; guard < 600; guard++) {
        var key = y + '-' + (m < 10 ? '0' : '') + m;
        all.push(key);
        if (key >= last) break;
        m += 1;
        if (m > 12) { m = 1; y += 1; }
      }
    }
    var columnWidth = Math.max(8, Math.min(40, Math.floor(560 / Math.max(all.length, 1))));
    var chartHeight = 160;
    // Room on the right for the last month's label, which starts at its column.
    var width = Math.max(34 + all.length * columnWidth + 60, 300);
    // 14 px above the plot for the count over the tallest column.
    var height = chartHeight + 58;
    var max = all.reduce(function (acc, k) { return Math.max(acc, months[k] || 0); }, 0) || 1;
    var outer = svg('svg', { viewBox: '0 0 ' + width + ' ' + height, width: width, height: height, role: 'img', class: 'chart-svg' });
    var chart = svg('g', { transform: 'translate(0 14)' });
    outer.appendChild(chart);
    chart.appendChild(svg('line', { x1: 30, y1: chartHeight + 4, x2: width, y2: chartHeight + 4, class: 'axis' }));
    var step = Math.max(1, Math.ceil(all.length / 8));
    all.forEach(function (key, i) {
      var value = months[key] || 0;
      var h = Math.round(chartHeight * value / max);
      var x = 34 + i * columnWidth;
      var g = svg('g', { 'data-key': key, 'data-value': value, class: 'bar' });
      var title = svg('title');
      title.textContent = monthName(key) + ': ' + integer(value);
      g.appendChild(title);
      g.appendChild(svg('rect', { x: x, y: chartHeight + 4 - h, width: Math.max(columnWidth - 3, 2), height: h, class: 'bar-fill tone-c' }));
      if (value > 0) {
        var count = svg('text', { x: x + columnWidth / 2 - 1, y: chartHeight - h, 'text-anchor': 'middle', class: 'chart-value small' });
        count.textContent = integer(value);
        g.appendChild(count);
      }
      if (i % step === 0) {
        var tick = svg('text', { x: x, y: chartHeight + 20, class: 'chart-label small' });
        tick.textContent = monthName(key);
        g.appendChild(tick);
      }
      chart.appendChild(g);
    });
    return figure('signals', outer);
  }

  function figure(name, chart) {
    chart.setAttribute('aria-label', t[CHART_TITLES[name]]);
    var f = el('figure', 'chart');
    f.setAttribute('data-chart', name);
    f.appendChild(chart);
    return f;
  }

  // ---- tables and sections ----------------------------------------------------------------

  function table(headers, rows, numeric) {
    if (!rows.length) return el('p', 'empty', t.empty);
    var tableNode = el('table', 'figures');
    var head = el('thead');
    var headRow = el('tr');
    headers.forEach(function (h, i) {
      headRow.appendChild(el('th', numeric && numeric[i] ? 'num' : '', h));
    });
    head.appendChild(headRow);
    tableNode.appendChild(head);
    var body = el('tbody');
    rows.forEach(function (cells) {
      var tr = el('tr');
      cells.forEach(function (cell, i) {
        tr.appendChild(el('td', numeric && numeric[i] ? 'num' : '', cell));
      });
      body.appendChild(tr);
    });
    tableNode.appendChild(body);
    return tableNode;
  }

  function section(title, name, chart, tables, className) {
    var s = el('section', 'report-section ' + (className || ''));
    s.setAttribute('data-section', name);
    s.appendChild(el('h2', '', title));
    var body = el('div', chart ? 'side-by-side' : 'stacked');
    if (chart) body.appendChild(chart);
    var side = el('div', 'tables');
    tables.forEach(function (node) { side.appendChild(node); });
    body.appendChild(side);
    s.appendChild(body);
    return s;
  }

  function render(report) {
    document.getElementById('title-scope').textContent = report.scope.kind === 'PROGRAMME'
      ? t.programme
      : label(report.scope.kind) + ' ' + report.scope.name + ' (' + report.scope.code + ')';
    document.getElementById('title-period').textContent = report.period
      ? day(report.period.from) + ' – ' + day(report.period.to)
      : t.allTime;
    document.getElementById('title-as-of').textContent = new Intl.DateTimeFormat(locale, {
      day: 'numeric', month: 'long', year: 'numeric', hour: '2-digit', minute: '2-digit'
    }).format(new Date(report.dataAsOf));
    document.getElementById('title-as-of').setAttribute('data-as-of', report.dataAsOf);

    sections.textContent = '';

    var key = el('dl', 'key-figures');
    [[t.projects, integer(report.projectCount), 'projects'],
      [t.signals, integer(report.signalCount), 'signals'],
      [t.medianDays, decimal(report.medianDaysToClose), 'median']].forEach(function (item) {
      var box = el('div', 'key-figure');
      box.setAttribute('data-figure', item[2]);
      box.appendChild(el('dt', '', item[0]));
      box.appendChild(el('dd', '', item[1]));
      key.appendChild(box);
    });
    sections.appendChild(section(t.keyFigures, 'key', null, [key]));

    var phases = report.projectsByPhase.map(function (p) {
      return { key: p.phase, label: label(p.phase), value: p.count };
    });
    sections.appendChild(section(t.phases, 'phases', barChart('phases', phases, integer, { centred: true, tone: 'tone-a' }), [
      table([t.phase, t.count], phases.map(function (p) { return [p.label, integer(p.value)]; }), [false, true])
    ]));

    sections.appendChild(section(t.effects, 'effects', effectChart(report.effects), [
      table([t.effect, t.aiming, t.assessed, t.mean, t.distribution], report.effects.map(function (e) {
        return [e.effect.name, integer(e.projectsAiming), integer(e.assessedCount), decimal(e.meanScore), e.distribution.join(' / ')];
      }), [false, true, true, true, true])
    ], 'wide'));

    var sources = report.budgetBySource.map(function (b) {
      return { key: b.source, label: label(b.source), value: Number(b.amount) };
    });
    sections.appendChild(section(t.budgetBySource, 'budget', barChart('budget', sources, euro, { tone: 'tone-b' }), [
      table([t.source, t.amount], sources.map(function (s) { return [s.label, euro(s.value)]; }), [false, true]),
      el('p', 'note', t.budgetNote)
    ]));
    sections.appendChild(section(t.budgetDetail, 'budget-detail', null, [
      table([t.year, t.source, t.status, t.amount], report.budget.map(function (b) {
        return [String(b.year), label(b.source), label(b.status), euro(b.amount)];
      }), [false, false, false, true])
    ]));

    var months = {};
    report.signalsByMonth.forEach(function (s) { months[s.month] = (months[s.month] || 0) + s.count; });
    sections.appendChild(section(t.signalsPerMonth, 'signals', monthChart(months), [
      table([t.month, t.count], Object.keys(months).sort().map(function (m) {
        return [monthName(m), integer(months[m])];
      }), [false, true])
    ], 'wide'));
    sections.appendChild(section(t.signalsDetail, 'signals-detail', null, [
      table([t.month, t.theme, t.urgency, t.status, t.count], report.signalsByMonth.map(function (s) {
        return [monthName(s.month), label(s.theme), label(s.urgency), label(s.status), integer(s.count)];
      }), [false, false, false, false, true])
    ]));

    sections.appendChild(section(t.themes, 'themes', null, [
      table([t.theme, t.count], report.projectsByTheme.map(function (p) {
        return [label(p.theme), integer(p.count)];
      }), [false, true])
    ]));

    sections.appendChild(section(t.participation, 'participation', null, [
      table([t.organisation, t.lead, t.contributor], report.participation.map(function (p) {
        return [p.organisation ? p.organisation.name : t.none, integer(p.leadCount), integer(p.contributorCount)];
      }), [false, true, true])
    ]));

    sections.appendChild(section(t.continuation, 'continuation', null, [
      table([t.status, t.count], report.continuation.map(function (c) {
        return [label(c.status), integer(c.count)];
      }), [false, true])
    ]));

    var lessons = el('div', 'lessons');
    if (!report.lessonsLearned.length) lessons.appendChild(el('p', 'empty', t.noLessons));
    report.lessonsLearned.forEach(function (l) {
      var item = el('article', 'lesson');
      item.appendChild(el('h3', '', l.projectTitle));
      item.appendChild(el('p', 'meta', label(l.kind) + ' · ' + day(l.evaluatedOn)));
      item.appendChild(el('p', '', l.lessons));
      lessons.appendChild(item);
    });
    sections.appendChild(section(t.lessons, 'lessons', null, [lessons]));

    reportMain.hidden = false;
    document.body.setAttribute('data-rendered', 'true');
  }

  // ---- wiring -----------------------------------------------------------------------------

  applyLanguage();
  readScope();
  tokenInput.value = stored(TOKEN_KEY);

  tokenInput.addEventListener('change', function () {
    store(TOKEN_KEY, currentToken());
    load();
  });
  document.getElementById('clear').addEventListener('click', function () {
    tokenInput.value = '';
    store(TOKEN_KEY, '');
    sections.textContent = '';
    load();
  });
  document.getElementById('controls').addEventListener('submit', function (event) {
    event.preventDefault();
    store(TOKEN_KEY, currentToken());
    var next = new URLSearchParams();
    if (scopeKind.value && scopeCode.value.trim()) next.set('scope', scopeKind.value + ':' + scopeCode.value.trim());
    if (periodInput.value.trim()) next.set('period', periodInput.value.trim());
    next.set('lang', lang);
    window.history.replaceState(null, '', '?' + next.toString());
    params = next;
    applyLanguage();
    load();
  });
  document.getElementById('print').addEventListener('click', function () {
    window.print();
  });

  load();
})();
