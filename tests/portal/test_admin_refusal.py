import pytest


@pytest.mark.django_db
def test_a_visitor_is_still_sent_to_sign_in_for_the_admin(client):
    response = client.get("/admin/")

    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


@pytest.mark.django_db
def test_a_staff_member_with_two_factor_reaches_the_admin(client, editor):
    client.force_login(editor)

    response = client.get("/admin/")

    assert response.status_code == 200
