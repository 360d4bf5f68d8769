"""The project's URLs, with the data protection pages added if the root does not include them
yet (the root `aln/config/urls.py` is wired by another change)."""

from django.urls import include, path

from aln.config import urls as root

urlpatterns = list(root.urlpatterns)
if not any(getattr(entry, "namespace", None) == "dataprotection" for entry in urlpatterns):
    urlpatterns.append(path("", include("aln.dataprotection.urls")))

handler404 = root.handler404
handler403 = root.handler403
handler500 = root.handler500
