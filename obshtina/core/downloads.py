"""Private files handed out by the app after its permission check, never by address."""

from django.http import FileResponse, Http404


def private_file_response(file) -> FileResponse:
    """A download of an uploaded file (``file.file``, ``original_name``, ``content_type``);
    404 when the stored file is gone."""
    try:
        handle = file.file.open("rb")
    except (FileNotFoundError, ValueError) as error:
        raise Http404 from error
    response = FileResponse(
        handle,
        as_attachment=True,
        filename=file.original_name,
        content_type=file.content_type or "application/octet-stream",
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["X-Robots-Tag"] = "noindex"
    return response
