from .fixtures import eauth, eauth_idp  # noqa: F401
