"""Changes to letters and access requests, one module per part of the work:

- ``filing``: a registered user files a document; attachments.
- ``events``: the timeline; changes the sender must hear of are e-mailed.
- ``outgoing``: outgoing documents (answers, notices, decisions) with their own numbers.
- ``desk``: the registry desk: routing, assignment, notes, the complaint/proposal flow.
- ``procedure``: the access-to-information procedure and its deadlines (ЗДОИ).
"""
