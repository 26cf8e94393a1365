// PRM simulator portal: get a one-time token from the simulator's backend, spend it at the CPQ,
// follow the redirect URL. Loaded with defer; no inline script (CSP script-src 'self').
'use strict';

(function () {
  const portal = document.getElementById('portal');
  if (!portal) {
    return;
  }
  const cpqBase = (portal.dataset.cpqBaseUrl || '').replace(/\/+$/, '');
  const statusBox = document.getElementById('status');
  const buttons = ['create-quote', 'open-quote', 'open-opportunity', 'reuse-token', 'signout-user',
    'deactivate-user', 'activate-user']
    .map(function (id) { return document.getElementById(id); });
  const USER_FIELDS = ['user_id', 'login', 'email', 'name', 'company'];
  const ACTIONS = {
    'create-quote': { path: '/api/v1/create/quote', needsQuote: false, doing: 'create a quote' },
    'open-quote': { path: '/api/v1/open/quote', needsQuote: true, doing: 'open the quote' },
    'open-opportunity': { path: '/api/v1/open/opportunity', needsQuote: false, doing: 'open the opportunity' }
  };

  // The token sent last, for the "Reuse last token" check that a token works once. A successful
  // launch leaves this page, so a token the CPQ has accepted (and so spent) is also kept in this
  // tab's sessionStorage for when the user comes back. A spent token opens nothing; an unspent one
  // is never stored.
  const SPENT_TOKEN = 'prm-simulator-spent-token';
  let lastToken = storage(function (s) { return s.getItem(SPENT_TOKEN); });

  function storage(use) {
    try {
      return use(window.sessionStorage);
    } catch (e) {
      return null; // storage disabled: the button then works only until the page is left
    }
  }

  function show(kind, text) {
    statusBox.className = 'status status-' + kind;
    statusBox.textContent = text;
  }

  function value(id) {
    return document.getElementById(id).value.trim();
  }

  function setBusy(busy) {
    buttons.forEach(function (button) { button.disabled = busy; });
  }

  async function readJson(response) {
    try {
      const body = await response.json();
      return body && typeof body === 'object' ? body : {};
    } catch (e) {
      return {};
    }
  }

  function errorMessages(body) {
    if (!Array.isArray(body.errors)) {
      return [];
    }
    return body.errors.map(function (error) {
      const message = error && typeof error.message === 'string' ? error.message : 'unnamed error';
      const field = error && typeof error.field === 'string' ? error.field : '';
      return field && message.indexOf(field) < 0 ? message + ' (' + field + ')' : message;
    });
  }

  async function requestToken() {
    const form = new URLSearchParams();
    USER_FIELDS.forEach(function (name) { form.set(name, value(name)); });
    let response;
    try {
      response = await fetch('/prm/api/token', {
        method: 'POST',
        credentials: 'same-origin',
        headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
        body: form
      });
    } catch (e) {
      throw new Error('Could not reach the PRM simulator\'s backend: ' + e.message);
    }
    const body = await readJson(response);
    if (response.ok && typeof body.access_token === 'string' && body.access_token) {
      return body.access_token;
    }
    throw new Error(typeof body.message === 'string'
      ? body.message
      : 'The PRM simulator\'s backend answered with status ' + response.status + '.');
  }

  function describeRefusal(status, body) {
    const messages = errorMessages(body);
    const listed = messages.join('; ');
    if (status === 403 && messages.indexOf('Unauthenticated') >= 0) {
      return 'The CPQ refused the token: Unauthenticated (it may have expired or been used already).';
    }
    if (status === 403) {
      return 'The CPQ refused the request: ' + (listed || 'Forbidden') + '.';
    }
    if (status === 429) {
      return 'The CPQ refused the request: Too many requests. This browser\'s address sent too many'
        + ' refused tokens; wait a minute and try again.';
    }
    if (status === 400) {
      return 'The CPQ rejected the request: ' + (listed || 'Bad request') + '.';
    }
    if (status === 200) {
      return 'The CPQ answered without a usable redirect URL.';
    }
    return 'The CPQ answered with status ' + status + (listed ? ': ' + listed : '') + '.';
  }

  function isWebUrl(url) {
    if (typeof url !== 'string') {
      return false;
    }
    try {
      const parsed = new URL(url);
      return parsed.protocol === 'https:' || parsed.protocol === 'http:';
    } catch (e) {
      return false;
    }
  }

  async function launch(action, token) {
    const payload = { opportunity_id: value('opportunity_id') };
    if (action.needsQuote) {
      payload.quote_id = value('quote_id');
    }
    let response;
    try {
      response = await fetch(cpqBase + action.path, {
        method: 'POST',
        credentials: 'include',
        headers: { 'Authorization': 'Bearer ' + token, 'Content-Type': 'application/json' },
        body: JSON.stringify(payload)
      });
    } catch (e) {
      throw new Error('Could not reach the CPQ at ' + cpqBase + ', or it refused this portal\'s origin ('
        + window.location.origin + '). Check that the CPQ is running and that its API Settings list '
        + window.location.origin + ' as an allowed origin.');
    }
    const body = await readJson(response);
    if (response.status === 200) {
      storage(function (s) { s.setItem(SPENT_TOKEN, token); });
    }
    if (response.status === 200 && isWebUrl(body.url)) {
      const frame = document.getElementById('cpq-frame');
      if (document.getElementById('open-in-frame').checked) {
        // the CPQ signs the user in inside the frame, with its partitioned cookie (CHIPS)
        show('ok', 'Opening the CPQ below…');
        frame.hidden = false;
        frame.src = body.url;
        return;
      }
      show('ok', 'Opening the CPQ…');
      window.location.href = body.url;
      return;
    }
    throw new Error(describeRefusal(response.status, body));
  }

  function missingIds(action) {
    if (!value('opportunity_id')) {
      return 'Enter an opportunity id first.';
    }
    if (action.needsQuote && !value('quote_id')) {
      return 'Enter a quote id to open a quote.';
    }
    return null;
  }

  async function run(work) {
    setBusy(true);
    try {
      await work();
    } catch (e) {
      show('error', e.message);
    } finally {
      setBusy(false);
    }
  }

  Object.keys(ACTIONS).forEach(function (id) {
    const action = ACTIONS[id];
    document.getElementById(id).addEventListener('click', function () {
      const missing = missingIds(action);
      if (missing) {
        show('error', missing);
        return;
      }
      run(async function () {
        show('info', 'Asking the PRM simulator\'s backend for an access token…');
        const token = await requestToken();
        lastToken = token;
        show('info', 'Got a token; asking the CPQ to ' + action.doing + '…');
        await launch(action, token);
      });
    });
  });

  document.getElementById('reuse-token').addEventListener('click', function () {
    if (!lastToken) {
      show('error', 'No token has been used yet: click Create quote, Open quote or Open opportunity first.');
      return;
    }
    const action = ACTIONS['open-quote'];
    const missing = missingIds(action);
    if (missing) {
      show('error', missing + ' Reuse last token sends it to open/quote.');
      return;
    }
    run(async function () {
      show('info', 'Sending the last token to the CPQ again…');
      await launch(action, lastToken);
    });
  });

  // The partner's calls on its user, made by the simulator's backend with the saved key.
  const USER_CALLS = {
    'signout-user': { path: '/prm/api/user/signout', doing: 'sign the user out everywhere' },
    'deactivate-user': { path: '/prm/api/user/deactivate', doing: 'deactivate the user' },
    'activate-user': { path: '/prm/api/user/activate', doing: 'reactivate the user' }
  };

  Object.keys(USER_CALLS).forEach(function (id) {
    const call = USER_CALLS[id];
    document.getElementById(id).addEventListener('click', function () {
      if (!value('user_id')) {
        show('error', 'Enter the partner user\'s id first.');
        return;
      }
      run(async function () {
        show('info', 'Asking the PRM simulator\'s backend to ' + call.doing + '…');
        const form = new URLSearchParams();
        form.set('user_id', value('user_id'));
        let response;
        try {
          response = await fetch(call.path, {
            method: 'POST',
            credentials: 'same-origin',
            headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
            body: form
          });
        } catch (e) {
          throw new Error('Could not reach the PRM simulator\'s backend: ' + e.message);
        }
        const body = await readJson(response);
        const message = typeof body.message === 'string' ? body.message
          : 'The PRM simulator\'s backend answered with status ' + response.status + '.';
        if (!response.ok) {
          throw new Error(message);
        }
        show('ok', message);
      });
    });
  });

  document.getElementById('user-form').addEventListener('submit', function (event) {
    event.preventDefault();
  });
}());
