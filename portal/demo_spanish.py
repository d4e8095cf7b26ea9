"""The demo city in Spanish (issue 19): Spanish translations of its key pages, made the way an
editor's translation is (a copy in the Spanish locale with the same translation key, then
published), so /es/ shows Riverton in Spanish. Pages nobody translated stay reachable under /es/
in English (portal/routing.py). Slugs are kept, so the language switcher's address is the page's
translation. Idempotent: a page already translated is left as it is.

Runs last (portal/management/commands/seed_demo.py): it only reads the page tree the other apps'
seeders built, by address, and sets each translation's own text fields.
"""

from wagtail.models import Locale

from portal import demo_pages

DEMO_NOTE = "Riverton y todas las organizaciones que aparecen aquí son ficticias (datos de demostración)."

RULES_INTRO = ("Sé amable, no te salgas del tema y nunca compartas datos personales de nadie: ni "
               "nombres de supuestos traficantes, ni direcciones, teléfonos o matrículas. Si alguien "
               "está en peligro, llama primero al número de emergencias.")
RULES = [
    ("Por qué estas normas", """
<p>Common Ground es el lugar donde vecinos, policía y servicios de apoyo trabajan juntos, en público,
sobre los problemas de drogas. También lo leen personas en recuperación y sus familias. Estas normas
lo mantienen útil y seguro para todos.</p>"""),
    ("Haz", """
<ul>
<li>Di qué viste, dónde y cuándo: «jeringuillas junto a los columpios del parque de Millbrook casi
todas las mañanas».</li>
<li>Abre una inquietud para lo que los socios deben atender; abre un debate para todo lo demás.</li>
<li>Discrepa de las ideas, con educación.</li>
</ul>"""),
    ("No hagas", """
<ul>
<li>Nombrar o describir a personas de las que sospechas: ni nombres, ni direcciones, ni teléfonos,
ni matrículas, ni fotos de caras. Denuncia los delitos directamente a la policía.</li>
<li>Insultar, amenazar o avergonzar a nadie, tampoco a quienes consumen drogas.</li>
<li>Publicar anuncios o lo mismo muchas veces.</li>
<li>Usar una inquietud para una emergencia: llama al número de emergencias.</li>
</ul>"""),
    ("Qué hacen los moderadores", """
<p>Los moderadores pueden retener una publicación para revisarla, quitar datos personales («editado
por un moderador»), ocultar una publicación, cerrar o mover un hilo y, ante faltas graves o
repetidas, impedir que una cuenta publique durante un tiempo. Cada acción queda registrada con su
motivo.</p>"""),
]

# Address under the home page -> the Spanish text of the fields that differ. Parents come first.
PAGES = [
    ("", {"title": "Common Ground (demo)",
          "intro": "Donde la policía, los servicios de salud y las organizaciones de Riverton "
                   "responden en público a las inquietudes de los vecinos sobre drogas y "
                   "recuperación. " + DEMO_NOTE}),
    ("get-help", {"title": "Pedir ayuda",
                  "intro": "Tratamiento, reducción de daños, grupos de apoyo, líneas de ayuda y "
                           "orientación en Riverton (servicios de demostración). Muchos son "
                           "gratuitos y a la mayoría puedes acudir por tu cuenta."}),
    ("community-rules", {"title": "Normas de la comunidad", "intro": RULES_INTRO,
                         "body": [{"type": kind, "value": value}
                                  for kind, value in demo_pages.body(RULES)]}),
    ("reports", {"title": "Informes de la colaboración",
                 "intro": "Qué hizo la colaboración cada trimestre, con las cifras que lo "
                          "respaldan. Todas las cifras de este sitio de demostración son inventadas."}),
    ("reports/2026-q2", {
        "title": "Informe de la colaboración: abril a junio de 2026 (demo)",
        "summary": "Las inquietudes se respondieron antes, más personas empezaron un tratamiento "
                   "tras un contacto de calle y la formación en naloxona llegó a tres barrios más.",
        "body": [{"type": "paragraph",
                  "value": "<p>Este trimestre la colaboración se centró en los tiempos de respuesta "
                           "y en llevar a las personas del primer contacto en la calle a los "
                           "tratamientos disponibles.</p>"}]}),
    ("case-studies", {"title": "Casos prácticos",
                      "intro": "Cómo trabajan juntas la policía y las organizaciones comunitarias, "
                               "programa a programa. Ejemplos ficticios."}),
    ("case-studies/crisis-outreach-to-treatment", {
        "title": "De la calle al tratamiento: un equipo de atención en crisis (demo)",
        "summary": "Educadores de calle y agentes atienden juntos a personas en crisis y les "
                   "reservan tratamiento directamente, el mismo día cuando es posible.",
        "challenge": "<p>Las personas en crisis se encontraban con la policía muchas veces al año "
                     "pero rara vez llegaban a un tratamiento: las listas de espera eran largas y "
                     "se perdían citas.</p>",
        "approach": "<p>Un educador de calle acompaña las patrullas de tarde; el servicio de salud "
                    "reserva citas de valoración en el día para las personas que deriva el equipo.</p>",
        "outcomes": "<p>Más personas empezaron tratamiento tras un primer contacto y hubo menos "
                    "detenciones por faltas leves.</p>",
        "lessons": "<p>Reservar citas de valoración importó más que cualquier otro cambio.</p>"}),
    ("events", {"title": "Actividades",
                "intro": "Foros vecinales, grupos de apoyo y formaciones de la colaboración. "
                         + DEMO_NOTE}),
    ("events/family-support-group", {
        "title": "Grupo de apoyo para familias",
        "summary": "Un grupo semanal y confidencial para familiares y amistades de personas que "
                   "consumen drogas.",
        "description": "<p>Ven tal como eres. Té, galletas y gente que te entiende. Lo facilitan "
                       "voluntarias formadas (demo).</p>",
        "accessibility_notes": "Entrada sin escalones, bucle magnético, aseo accesible.",
        "cost": "Gratuito", "languages": "Inglés, polaco, español"}),
    ("events/naloxone-training", {
        "title": "Formación en naloxona para vecinos",
        "summary": "Aprende a reconocer una sobredosis de opioides y a usar la naloxona. Te llevas "
                   "un kit.",
        "description": "<p>Una formación conjunta de la policía y el equipo de calle (demo). Tres "
                       "horas, práctica.</p>",
        "accessibility_notes": "Planta baja, sin escalones.", "cost": "Gratuito"}),
    ("transparency", {"title": "Cómo lo estamos haciendo",
                      "intro": "<p>Cómo responden los socios de Riverton a las inquietudes de los "
                               "vecinos, qué hicieron los moderadores y qué actividades se "
                               "celebraron, en cifras que cualquiera puede comprobar y descargar. "
                               "Riverton y sus socios son ficticios: son cifras de demostración.</p>"}),
]


def seed(demo):
    spanish, _ = Locale.objects.get_or_create(language_code="es")
    for address, fields in PAGES:
        page = _page_at(demo.home, address)
        if page is not None:
            translate(page, spanish, fields)


def _page_at(home, address):
    page = home
    for slug in filter(None, address.split("/")):
        page = page.get_children().filter(slug=slug).first()
        if page is None:
            return None  # that app's demo is not installed
    return page.specific


def translate(page, locale, fields):
    """The page's translation into `locale` with `fields`, created and published if missing."""
    existing = page.get_translation_or_none(locale)
    if existing is not None:
        return existing.specific
    translated = page.copy_for_translation(locale)
    for name, value in fields.items():
        if hasattr(translated, name):
            setattr(translated, name, value)
    translated.save_revision().publish()
    return translated
