import pytest

from crossborder.audit.models import AppendOnlyError, AuditEntry, record

pytestmark = pytest.mark.django_db


def test_it_never_changes_or_deletes_an_entry(participant):
    entry = record(actor=participant, action="test.thing", obj=participant)
    entry.action = "tampered"
    with pytest.raises(AppendOnlyError):
        entry.save()
    with pytest.raises(AppendOnlyError):
        entry.delete()
    with pytest.raises(AppendOnlyError):
        AuditEntry.objects.filter(pk=entry.pk).update(action="tampered")
    with pytest.raises(AppendOnlyError):
        AuditEntry.objects.all().delete()
    assert AuditEntry.objects.get(pk=entry.pk).action == "test.thing"


def test_it_shows_the_log_to_an_administrator_filtered_by_kind(client_of, admin_user, participant):
    record(actor=admin_user, action="profile.vetting", obj=participant.profile)
    c = client_of(admin_user)
    c.get(f"/people/{participant.pk}/")  # a view of personal data
    body = c.get("/audit/").content.decode()
    assert "profile.vetting" in body and "view.profile" in body
    body = c.get("/audit/?kind=view").content.decode()
    assert "view.profile" in body and "profile.vetting" not in body


def test_it_keeps_the_admin_site_read_only_for_audit_entries(client_of, admin_user):
    entry = record(actor=admin_user, action="x.y", obj=admin_user)
    c = client_of(admin_user)
    assert c.get("/admin/audit/auditentry/").status_code == 200
    assert c.post(f"/admin/audit/auditentry/{entry.pk}/delete/", {"post": "yes"}).status_code == 403
    assert AuditEntry.objects.filter(pk=entry.pk).exists()


def test_a_list_view_counts_one_record_in_the_singular(manager, participant, trainer):
    from crossborder.audit.models import record_list_view

    one = record_list_view(actor=manager, objects=[participant], what="people")
    two = record_list_view(actor=manager, objects=[participant, trainer], what="people")
    assert (one.object_repr, two.object_repr) == ("1 record", "2 records")


def test_the_admin_site_records_who_looked_at_whose_data(client_of, admin_user, participant):
    c = client_of(admin_user)
    assert c.get("/admin/accounts/user/", {"role__exact": "participant"}).status_code == 200
    listed = AuditEntry.objects.get(action="view.admin.user")
    assert listed.kind == "view" and participant.pk in listed.details["ids"]
    assert "role__exact=participant" in listed.details["query"]
    assert c.get(f"/admin/accounts/user/{participant.pk}/change/").status_code == 200
    seen = AuditEntry.objects.filter(action="view.admin.user", object_id=str(participant.pk))
    assert seen.count() == 1 and seen.get().actor == admin_user
    # one's own account is not someone else's data
    c.get(f"/admin/accounts/user/{admin_user.pk}/change/")
    assert not AuditEntry.objects.filter(object_id=str(admin_user.pk), kind="view").exists()
