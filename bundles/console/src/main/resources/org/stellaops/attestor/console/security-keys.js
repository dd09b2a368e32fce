/*
 * The "Security keys" page of the Attestor console: WebAuthn ceremonies with a FIDO2 security key
 * (docs/fido2-signatures.md). The server hands out WebAuthn JSON options (binary members base64url); this script
 * turns them into ArrayBuffers for navigator.credentials, and the PublicKeyCredential back into WebAuthn JSON
 * (credential.toJSON(), or the same shape built by hand). It posts only to the plugin's own endpoints, with the
 * header and Origin those require (same-origin referrer policy: the console's no-referrer policy would otherwise
 * turn the Origin of a POST into "null").
 */
(function () {
  'use strict';

  var root = document.getElementById('attestor-security-keys');
  if (!root) {
    return;
  }
  var endpoint = root.getAttribute('data-endpoint');
  var tenant = root.getAttribute('data-tenant');
  var status = document.getElementById('sk-status');
  var envelopeOut = document.getElementById('sk-envelope');
  var logOut = document.getElementById('sk-log-entry');

  function b64urlToBuf(s) {
    var binary = atob(s.replace(/-/g, '+').replace(/_/g, '/'));
    var bytes = new Uint8Array(binary.length);
    for (var i = 0; i < binary.length; i++) {
      bytes[i] = binary.charCodeAt(i);
    }
    return bytes.buffer;
  }

  function bufToB64url(buf) {
    var bytes = new Uint8Array(buf);
    var binary = '';
    for (var i = 0; i < bytes.length; i++) {
      binary += String.fromCharCode(bytes[i]);
    }
    return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
  }

  /** docs/fido2-signatures.md §2.4: challenge, user.id and excludeCredentials[].id are base64url. */
  function creationOptions(o) {
    o.challenge = b64urlToBuf(o.challenge);
    o.user.id = b64urlToBuf(o.user.id);
    o.excludeCredentials = (o.excludeCredentials || []).map(function (c) {
      return Object.assign({}, c, {id: b64urlToBuf(c.id)});
    });
    return o;
  }

  /** docs/fido2-signatures.md §3.5: challenge and allowCredentials[].id are base64url. */
  function requestOptions(o) {
    o.challenge = b64urlToBuf(o.challenge);
    o.allowCredentials = (o.allowCredentials || []).map(function (c) {
      return Object.assign({}, c, {id: b64urlToBuf(c.id)});
    });
    return o;
  }

  /** The credential as WebAuthn JSON (§2.5, §3.6). */
  function credentialJson(cred) {
    if (typeof cred.toJSON === 'function') {
      return cred.toJSON();
    }
    var r = cred.response;
    var response = {clientDataJSON: bufToB64url(r.clientDataJSON)};
    if (r.attestationObject) {
      response.attestationObject = bufToB64url(r.attestationObject);
      response.transports = typeof r.getTransports === 'function' ? r.getTransports() : [];
    } else {
      response.authenticatorData = bufToB64url(r.authenticatorData);
      response.signature = bufToB64url(r.signature);
      response.userHandle = r.userHandle ? bufToB64url(r.userHandle) : null;
    }
    var json = {type: cred.type, id: cred.id, rawId: bufToB64url(cred.rawId), response: response,
      clientExtensionResults: cred.getClientExtensionResults()};
    if (cred.authenticatorAttachment) {
      json.authenticatorAttachment = cred.authenticatorAttachment;
    }
    return json;
  }

  function ConsoleError(code, detail) {
    this.name = 'ConsoleError';
    this.code = code;
    this.message = detail;
  }

  function post(path, body) {
    body.tenant = tenant;
    return fetch(endpoint + path, {
      method: 'POST',
      credentials: 'same-origin',
      referrerPolicy: 'same-origin',
      headers: {'Content-Type': 'application/json', 'X-Attestor-Console': 'security-keys'},
      body: JSON.stringify(body)
    }).then(function (res) {
      return res.text().then(function (text) {
        var json = null;
        try {
          json = JSON.parse(text);
        } catch (e) {
          json = null;
        }
        if (!res.ok) {
          throw new ConsoleError(json && json.code ? json.code : 'http.' + res.status,
            json && json.detail ? json.detail : res.statusText);
        }
        return json;
      });
    });
  }

  function describe(error) {
    if (error instanceof ConsoleError) {
      return 'Refused (' + error.code + '): ' + error.message;
    }
    var name = error && error.name;
    var message = error && error.message ? ' (' + error.message + ')' : '';
    if (name === 'NotAllowedError') {
      return 'The security key did not approve the request: it was cancelled or timed out, or no authenticator '
        + 'holds this key' + message;
    }
    if (name === 'SecurityError') {
      return 'The browser refused the ceremony at this origin (' + location.origin + '): open the console at the '
        + 'host and port configured as rpId and origins of keys-fido2' + message;
    }
    if (name === 'InvalidStateError') {
      return 'This authenticator already holds a key of this user' + message;
    }
    return 'Failed: ' + (error && error.message ? error.message : String(error));
  }

  function report(state, text) {
    status.setAttribute('data-state', state);
    status.className = 'statline' + (state === 'error' ? ' ui-state-error' : '');
    status.textContent = text;
    if (state !== 'busy') {
      status.setAttribute('data-seq', String(Number(status.getAttribute('data-seq')) + 1));
    }
  }

  function requireWebAuthn() {
    if (!window.isSecureContext || !navigator.credentials || !window.PublicKeyCredential) {
      throw new Error('WebAuthn is not available here: open the console over HTTPS, or at http://localhost');
    }
  }

  function addKey(key) {
    var row = document.createElement('tr');
    [key.name, String(key.version), key.keyId, key.state, key.createdAt].forEach(function (text, i) {
      var cell = document.createElement('td');
      if (i === 2) {
        var code = document.createElement('code');
        code.textContent = text;
        cell.appendChild(code);
      } else {
        cell.textContent = text;
      }
      row.appendChild(cell);
    });
    document.querySelector('#sk-keys tbody').appendChild(row);
    var option = document.createElement('option');
    option.value = key.name;
    option.textContent = key.name;
    var select = document.getElementById('sk-key');
    select.appendChild(option);
    select.value = key.name;
  }

  function register(event) {
    event.preventDefault();
    var name = document.getElementById('sk-name').value.trim();
    var driver = document.getElementById('sk-driver').value;
    report('busy', 'Starting the registration of "' + name + '"…');
    Promise.resolve().then(function () {
      requireWebAuthn();
      return post('/registrations', {driver: driver, name: name});
    }).then(function (started) {
      report('busy', 'Touch your security key to register it as "' + name + '"…');
      return navigator.credentials.create({publicKey: creationOptions(started.options)}).then(function (cred) {
        if (!cred) {
          throw new Error('the browser returned no credential');
        }
        return post('/registrations/' + encodeURIComponent(started.ceremonyId),
          {driver: driver, credential: credentialJson(cred)});
      });
    }).then(function (key) {
      addKey(key);
      report('ok', 'Registered security key "' + key.name + '" (key id ' + key.keyId + ').');
    }).catch(function (error) {
      report('error', describe(error));
    });
  }

  function sign(event) {
    event.preventDefault();
    var key = document.getElementById('sk-key').value;
    var submit = document.getElementById('sk-submit').checked;
    var statement = document.getElementById('sk-statement').value;
    envelopeOut.textContent = '';
    logOut.textContent = '';
    report('busy', 'Starting the signature with "' + key + '"…');
    Promise.resolve().then(function () {
      requireWebAuthn();
      return post('/signatures', {key: key, statement: statement, submit: submit});
    }).then(function (started) {
      report('busy', 'Touch your security key to approve the signature…');
      return navigator.credentials.get({publicKey: requestOptions(started.options)}).then(function (assertion) {
        if (!assertion) {
          throw new Error('the browser returned no assertion');
        }
        return post('/signatures/' + encodeURIComponent(started.ceremonyId), {credential: credentialJson(assertion)});
      });
    }).then(function (signed) {
      envelopeOut.textContent = JSON.stringify(signed.envelope, null, 2);
      logOut.textContent = signed.submission ? JSON.stringify(signed.submission, null, 2) : 'not submitted';
      report('ok', 'Signed with "' + key + '" version ' + signed.version + ' (key id ' + signed.keyId + ')'
        + (signed.submission ? '; logged as ' + signed.submission.uuid + ' (' + signed.submission.status + ').'
          : '; not submitted.'));
    }).catch(function (error) {
      report('error', describe(error));
    });
  }

  document.getElementById('sk-register').addEventListener('submit', register);
  document.getElementById('sk-sign').addEventListener('submit', sign);
}());
