"""The demo's privacy notice, accessibility statement and community rules: written for this
portal (what it collects, who sees a concern, how long things are kept, how to export or delete),
as a starting point an operator adapts. Riverton and its partnership are fictional."""

PRIVACY_INTRO = ("What Common Ground collects about you, who can see it, how long it is kept, and "
                 "how to take it with you or delete it. Demo text for the fictional Riverton "
                 "partnership: an operator must adapt it before going live.")

PRIVACY = [
    ("Who is responsible", """
<p>The Riverton Community Safety Partnership (fictional) runs this site and decides what happens to
the data on it. Write to the contact address at the foot of every page with any question about
your data; we answer within one month.</p>"""),
    ("What we collect", """
<ul>
<li><b>Your account</b>: your email address, the display name you choose, your password (stored
only as a one-way hash), and, if you give it, your neighbourhood.</li>
<li><b>What you write</b>: threads, replies and concerns, with their earlier versions if you edit
them, and the topic and neighbourhood you choose for a concern.</li>
<li><b>What you ask us to do</b>: threads you follow, events you said you are going to, your answer
to “did this resolve your concern?”, and notifications waiting for you.</li>
<li><b>To keep the site safe</b>: flags you raise, and short-lived counters of attempts (for example
failed sign-ins) per account and per network address, which expire within minutes.</li>
</ul>
<p>We do not use advertising or tracking cookies, and nothing is loaded from other companies'
servers. The only cookies are the ones that keep you signed in and protect forms.</p>"""),
    ("Who sees a concern", """
<ul>
<li><b>Everyone</b> sees its title, text, topic, neighbourhood, state and timeline, under your
display name, or as “A resident of your neighbourhood” if you chose to post anonymously.</li>
<li><b>The partners it is sent to</b> (their named liaison staff) see the same, and your email
address only if you ticked “share my contact details” on that concern.</li>
<li><b>Moderators</b> see which account wrote it, so they can act on abuse. They never publish
it.</li>
<li><b>Open data and figures</b> count concerns; they never name anyone, and small numbers are
suppressed so nobody can be picked out.</li>
</ul>
<p>Never put anyone's name, address, phone number or number plate in a post: moderators remove
them, but the safest personal detail is the one never written.</p>"""),
    ("How long we keep it", """
<ul>
<li>Your account, for as long as you keep it.</li>
<li>What you wrote stays public after you leave, without your name (as “Former member”), because
others replied to it and the partners' answers would make no sense without it.</li>
<li>Moderators' records of what they hid or edited, and why, are kept so that decisions can be
checked; they are seen only by moderators and administrators.</li>
<li>Emails we send are kept for a short time so that a failed one can be sent again.</li>
</ul>"""),
    ("Take your data with you, or delete it", """
<p>Signed in, open <a href="/accounts/delete/">Your data and account</a>. “Download my data” gives
you everything above as a file. “Delete my account” removes your email address, display name and
neighbourhood at once, signs you out everywhere, and leaves what you wrote without your name.
You can ask us to remove a particular post as well.</p>"""),
    ("Your rights", """
<p>You can ask to see, correct or delete your data, or object to how we use it. If you are unhappy
with our answer you can complain to the data protection authority where you live.</p>"""),
]

ACCESSIBILITY_INTRO = ("How accessible Common Ground is, what we know does not work well yet, and "
                       "how to tell us. Demo text for the fictional Riverton partnership.")

ACCESSIBILITY = [
    ("What we aim for", """
<p>We aim to meet the Web Content Accessibility Guidelines (WCAG) 2.2 at level AA. You should be able
to use every part of the site with a keyboard alone, with a screen reader, zoomed to 400%, and on
a small phone. Every core task (reading, posting, raising a concern, following a thread, signing
up) works without JavaScript.</p>"""),
    ("How we check it", """
<p>Each change to the site is tested automatically with axe-core and the W3C HTML checker in a real
browser, and keyboard journeys are tested by hand.</p>"""),
    ("What we know is not perfect", """
<ul>
<li>Documents attached to older reports may not be accessible PDFs. Ask us and we will send the
content in another format.</li>
<li>Charts on the transparency page come with tables of the same figures; the charts themselves
are images to a screen reader.</li>
<li>Posts are written by residents and partners; we cannot guarantee that their links and images
are described well.</li>
</ul>"""),
    ("Tell us", """
<p>If something does not work for you, write to the contact address at the foot of every page. Tell
us the page and what went wrong; we reply within five working days. If you are not happy with our
answer, you can contact the equality or accessibility enforcement body where you live.</p>"""),
]

RULES_INTRO = ("Be kind, stay on topic, and never share personal details about anyone: no names "
               "of suspected dealers, no addresses, phone numbers or number plates. If someone is "
               "in danger, call the emergency number first.")

RULES = [
    ("Why these rules", """
<p>Common Ground is for residents, the police and support services to work on drug problems
together, in public. People in recovery and their families read it too. These rules keep it
useful and safe for all of them.</p>"""),
    ("Do", """
<ul>
<li>Say what you saw, where and when: “needles by the swings in Millbrook Park most mornings”.</li>
<li>Raise a concern for something the partners should act on; start a discussion for everything
else.</li>
<li>Disagree with ideas, politely.</li>
</ul>"""),
    ("Do not", """
<ul>
<li>Name or describe people you suspect: no names, addresses, phone numbers, number plates or
photos of faces. Report crimes to the police directly.</li>
<li>Insult, threaten or shame anyone, including people who use drugs.</li>
<li>Post adverts, or the same thing many times.</li>
<li>Use a concern for an emergency: call the emergency number.</li>
</ul>"""),
    ("What moderators do", """
<p>Moderators may hold a post for review, edit out personal details (“edited by a moderator”), hide
a post, lock or move a thread, and, for repeated or serious breaches, stop an account posting for
a while. Each action is recorded with its reason. If you think a decision was wrong, write to the
contact address at the foot of the page.</p>"""),
    ("Flag it", """
<p>See something that breaks these rules? Use “Flag” under the post. Urgent flags (someone at risk)
are seen first.</p>"""),
]


def body(sections):
    """StreamField data: a heading and a paragraph block per section."""
    blocks = []
    for title, html in sections:
        blocks.append(("heading", {"text": title, "level": "h2"}))
        blocks.append(("paragraph", html.strip()))
    return blocks
