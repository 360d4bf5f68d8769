import io
import pytest
from django.core.management import call_command
from aln.cases.models import Case
pytestmark = pytest.mark.django_db

@pytest.mark.parametrize("n,seed", [(10, 2026), (60, 5), (200, 1), (500, 3), (2000, 2026), (3000, 11), (5000, 7)])
def test_print(n, seed):
    out = io.StringIO()
    call_command("demo_load", "--learners", str(n), "--seed", str(seed), stdout=out)
    stages = sorted({(c.stage, c.closed_because) for c in Case.objects.exclude(concern="")})
    print(n, seed, Case.objects.exclude(concern="").count(), len(stages), [c.learner.full_name for c in Case.objects.exclude(concern="").filter(learner__first_name="Osian")])
    if n == 2000:
        print(out.getvalue())
