"""Qualified electronic signatures (КЕП): the EU trusted lists, checking the signatures
on filed documents, and signing outgoing ones."""
