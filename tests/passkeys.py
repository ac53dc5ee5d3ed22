"""A passkey in software, for tests without a browser: it answers allauth's
WebAuthn challenges as a phone would (attestation "none", ES256), in the
JSON a browser's script posts. Requests must come to host "localhost",
which fido2 accepts over http."""

import hashlib
import json
import os

from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ec
from fido2.cose import ES256
from fido2.utils import websafe_decode, websafe_encode
from fido2.webauthn import (
    Aaguid,
    AttestationObject,
    AttestedCredentialData,
    AuthenticatorData,
    CollectedClientData,
)

HOST = "localhost"
ORIGIN = f"http://{HOST}"
FLAGS = AuthenticatorData.FLAG.UP | AuthenticatorData.FLAG.UV


class SoftPasskey:
    def __init__(self):
        self.key = ec.generate_private_key(ec.SECP256R1())
        self.credential_id = os.urandom(32)
        self.user_handle = None
        self.counter = 0
        self.rp_id_hash = hashlib.sha256(HOST.encode()).digest()

    def _id(self):
        encoded = websafe_encode(self.credential_id)
        return {"type": "public-key", "id": encoded, "rawId": encoded}

    def register(self, creation_options, resident=True):
        """The credential for `creation_options` (allauth's js_data)."""
        options = creation_options["publicKey"]
        self.user_handle = websafe_decode(options["user"]["id"])
        credential_data = AttestedCredentialData.create(
            Aaguid.NONE, self.credential_id, ES256.from_cryptography_key(self.key.public_key())
        )
        auth_data = AuthenticatorData.create(
            self.rp_id_hash, FLAGS | AuthenticatorData.FLAG.AT, 0, credential_data
        )
        client_data = CollectedClientData.create(
            type="webauthn.create", challenge=options["challenge"], origin=ORIGIN
        )
        return {
            **self._id(),
            "response": {
                "clientDataJSON": websafe_encode(client_data),
                "attestationObject": websafe_encode(
                    AttestationObject.create("none", auth_data, {})
                ),
                "transports": ["internal"],
            },
            "clientExtensionResults": {"credProps": {"rk": resident}},
        }

    def answer(self, request_options):
        """The signed answer to `request_options` (allauth's js_data)."""
        self.counter += 1
        auth_data = AuthenticatorData.create(self.rp_id_hash, FLAGS, self.counter)
        client_data = CollectedClientData.create(
            type="webauthn.get", challenge=request_options["publicKey"]["challenge"], origin=ORIGIN
        )
        signed = bytes(auth_data) + hashlib.sha256(bytes(client_data)).digest()
        signature = self.key.sign(signed, ec.ECDSA(hashes.SHA256()))
        return {
            **self._id(),
            "response": {
                "clientDataJSON": websafe_encode(client_data),
                "authenticatorData": websafe_encode(auth_data),
                "signature": websafe_encode(signature),
                "userHandle": websafe_encode(self.user_handle),
            },
            "clientExtensionResults": {},
        }


def as_post(credential):
    return json.dumps(credential)
