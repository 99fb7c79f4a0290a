// Passkey (WebAuthn) ceremonies against /Account/Passkey/*. No user-visible text here: callers
// show localised messages for the reason returned ('unsupported', 'cancelled', 'failed') or the
// server's own message.
(() => {
    'use strict';

    const supported = () =>
        typeof window.PublicKeyCredential !== 'undefined' &&
        typeof navigator.credentials !== 'undefined' &&
        typeof PublicKeyCredential.parseCreationOptionsFromJSON === 'function' &&
        typeof PublicKeyCredential.parseRequestOptionsFromJSON === 'function';

    async function post(url, token, body) {
        const response = await fetch(url, {
            method: 'POST',
            credentials: 'same-origin',
            headers: { 'Content-Type': 'application/json', 'RequestVerificationToken': token },
            body: JSON.stringify(body ?? {}),
        });
        let data = null;
        try { data = await response.json(); } catch { data = null; }
        return { ok: response.ok && !(data && data.ok === false), data };
    }

    const failure = (reason, message) => ({ ok: false, reason, message: message ?? null, redirect: null });

    function reasonOf(error) {
        return error && (error.name === 'NotAllowedError' || error.name === 'AbortError') ? 'cancelled' : 'failed';
    }

    async function register(token, name, returnUrl) {
        if (!supported()) { return failure('unsupported'); }
        const options = await post('/Account/Passkey/CreationOptions', token);
        if (!options.ok) { return failure('server', options.data?.message); }
        let credential;
        try {
            credential = await navigator.credentials.create({ publicKey: PublicKeyCredential.parseCreationOptionsFromJSON(options.data) });
        } catch (error) {
            return failure(reasonOf(error));
        }
        const result = await post('/Account/Passkey/Add', token, { credential: JSON.stringify(credential), name, returnUrl: returnUrl ?? location.pathname });
        return result.ok ? { ok: true, reason: null, message: result.data?.message ?? null, redirect: result.data?.redirect ?? null } : failure('server', result.data?.message);
    }

    async function assert(optionsUrl, resultUrl, token, returnUrl) {
        if (!supported()) { return failure('unsupported'); }
        const options = await post(optionsUrl, token);
        if (!options.ok) { return failure('server', options.data?.message); }
        let credential;
        try {
            credential = await navigator.credentials.get({ publicKey: PublicKeyCredential.parseRequestOptionsFromJSON(options.data) });
        } catch (error) {
            return failure(reasonOf(error));
        }
        const result = await post(resultUrl, token, { credential: JSON.stringify(credential), returnUrl });
        return result.ok ? { ok: true, reason: null, message: null, redirect: result.data?.redirect ?? null } : failure('server', result.data?.message);
    }

    window.vrPasskeys = {
        supported,
        register,
        stepUp: (token) => assert('/Account/Passkey/StepUpOptions', '/Account/Passkey/StepUp', token, null),
        signIn: (token, returnUrl) => assert('/Account/Passkey/RequestOptions', '/Account/Passkey/SignIn', token, returnUrl),
    };

    // Static account pages (no circuit): <vr-passkey action="sign-in|enrol"> wraps a button, the
    // antiforgery input and a hidden alert; data-msg-* attributes hold the localised messages.
    class PasskeyAction extends HTMLElement {
        connectedCallback() {
            const button = this.querySelector('button');
            if (!button || button.dataset.vrBound) { return; }
            button.dataset.vrBound = 'true';
            button.addEventListener('click', () => this.run(button));
        }

        show(message) {
            const alert = this.querySelector('[data-passkey-error]');
            if (alert) { alert.textContent = message; alert.hidden = false; }
        }

        async run(button) {
            const token = this.querySelector('input[name="__RequestVerificationToken"]')?.value ?? '';
            const returnUrl = this.dataset.returnUrl || '/';
            button.disabled = true;
            try {
                const result = this.getAttribute('action') === 'enrol'
                    ? await register(token, this.querySelector('input[data-passkey-name]')?.value ?? '', returnUrl)
                    : await assert('/Account/Passkey/RequestOptions', '/Account/Passkey/SignIn', token, returnUrl);
                if (result.ok) {
                    location.assign(result.redirect || returnUrl);
                    return;
                }
                this.show(result.message || this.dataset['msg' + result.reason.charAt(0).toUpperCase() + result.reason.slice(1)] || this.dataset.msgFailed);
            } catch {
                this.show(this.dataset.msgFailed);
            } finally {
                button.disabled = false;
            }
        }
    }

    if (!customElements.get('vr-passkey')) {
        customElements.define('vr-passkey', PasskeyAction);
    }
})();
