"""``briefgen new``: a new brief folder, ready to validate and build.

In:  a folder (new, or existing without the files below), a language (``en``, ``es``, ``fr``,
     ``pt``) and the brief's date (default: today).
Out: the files written, in this order::

    FOLDER/brief.yaml          a short, valid, commented brief: prose, a chart, a footnote,
                               recommendations and a source, its text in the chosen language
    FOLDER/brief.schema.json   the JSON Schema, so the brief's first line
                               (# yaml-language-server: $schema=brief.schema.json) works
                               wherever the folder is moved
    FOLDER/data/sample.csv     the chart's data
    FOLDER/assets/README.md    what goes in assets/ (logos, images, fonts)

Existing files are never overwritten: if any of these files exists, :class:`ScaffoldError`
lists them and nothing is written.
"""

from __future__ import annotations

import datetime
import json
import textwrap
from pathlib import Path

from .resources import SCHEMA_FILE

#: The brief's text in each language (ids, keys and comments stay in English, as in the docs).
PHRASES = {
    "en": {
        "title": "Title of the brief: state the main finding",
        "subtitle": "What the brief is about, in one line",
        "series": "Policy Brief No. 1",
        "author": "Your Name",
        "organisation": "Your Organisation",
        "about": "One or two sentences about the organisation.",
        "summary": "Write three to six sentences: the main finding first, then the evidence, then what you"
                   " recommend.[^note]",
        "background": "Background",
        "prose": "Start each section with a sentence that states its finding. Cite a source like this"
                 " [](#source-one), and point to the chart: [](#fig-sample).",
        "chart_title": "Most complaints came from the South",
        "chart_subtitle": "Complaints received by region, 2024",
        "alt": "Bar chart of the complaints received in 2024 by region: South 310, West 240, East 190,"
               " Capital 150, North 120.",
        "chart_source": "Your organisation's records (sample data in data/sample.csv)",
        "recommendations": "Recommendations",
        "lead": "Start with a verb",
        "text": "Then say what to do and why, in one or two sentences.",
        "footnote": "A footnote: a remark that would interrupt the text.",
        "source_title": "Title of the report or article",
        "publisher": "Publisher or outlet",
        "regions": ("North", "South", "East", "West", "Capital"),
    },
    "es": {
        "title": "Título del informe: diga el hallazgo principal",
        "subtitle": "De qué trata el informe, en una línea",
        "series": "Informe de Políticas n.º 1",
        "author": "Su nombre",
        "organisation": "Su organización",
        "about": "Una o dos frases sobre la organización.",
        "summary": "Escriba de tres a seis frases: primero el hallazgo principal, luego la evidencia y después"
                   " lo que recomienda.[^note]",
        "background": "Contexto",
        "prose": "Empiece cada sección con una frase que diga su hallazgo. Cite una fuente así"
                 " [](#source-one) y remita al gráfico: [](#fig-sample).",
        "chart_title": "La mayoría de las denuncias vinieron del Sur",
        "chart_subtitle": "Denuncias recibidas por región, 2024",
        "alt": "Gráfico de barras de las denuncias recibidas en 2024 por región: Sur 310, Oeste 240, Este 190,"
               " Capital 150, Norte 120.",
        "chart_source": "Registros de su organización (datos de ejemplo en data/sample.csv)",
        "recommendations": "Recomendaciones",
        "lead": "Empiece con un verbo",
        "text": "Luego diga qué hacer y por qué, en una o dos frases.",
        "footnote": "Una nota al pie: un comentario que interrumpiría el texto.",
        "source_title": "Título del informe o artículo",
        "publisher": "Editorial o medio",
        "regions": ("Norte", "Sur", "Este", "Oeste", "Capital"),
    },
    "fr": {
        "title": "Titre de la note : énoncez le constat principal",
        "subtitle": "Le sujet de la note, en une ligne",
        "series": "Note de politique nº 1",
        "author": "Votre nom",
        "organisation": "Votre organisation",
        "about": "Une ou deux phrases sur l'organisation.",
        "summary": "Écrivez trois à six phrases : d'abord le constat principal, puis les éléments qui"
                   " l'étayent, enfin ce que vous recommandez.[^note]",
        "background": "Contexte",
        "prose": "Commencez chaque section par une phrase qui énonce son constat. Citez une source ainsi"
                 " [](#source-one) et renvoyez au graphique : [](#fig-sample).",
        "chart_title": "La plupart des plaintes venaient du Sud",
        "chart_subtitle": "Plaintes reçues par région, 2024",
        "alt": "Diagramme en barres des plaintes reçues en 2024 par région : Sud 310, Ouest 240, Est 190,"
               " Capitale 150, Nord 120.",
        "chart_source": "Registres de votre organisation (données d'exemple dans data/sample.csv)",
        "recommendations": "Recommandations",
        "lead": "Commencez par un verbe",
        "text": "Puis dites quoi faire et pourquoi, en une ou deux phrases.",
        "footnote": "Une note de bas de page : une remarque qui interromprait le texte.",
        "source_title": "Titre du rapport ou de l'article",
        "publisher": "Éditeur ou média",
        "regions": ("Nord", "Sud", "Est", "Ouest", "Capitale"),
    },
    "pt": {
        "title": "Título do documento: diga a conclusão principal",
        "subtitle": "Do que trata o documento, numa linha",
        "series": "Nota de Política n.º 1",
        "author": "O seu nome",
        "organisation": "A sua organização",
        "about": "Uma ou duas frases sobre a organização.",
        "summary": "Escreva de três a seis frases: primeiro a conclusão principal, depois as provas e, por fim,"
                   " o que recomenda.[^note]",
        "background": "Contexto",
        "prose": "Comece cada secção com uma frase que diga a sua conclusão. Cite uma fonte assim"
                 " [](#source-one) e remeta para o gráfico: [](#fig-sample).",
        "chart_title": "A maioria das denúncias veio do Sul",
        "chart_subtitle": "Denúncias recebidas por região, 2024",
        "alt": "Gráfico de barras das denúncias recebidas em 2024 por região: Sul 310, Oeste 240, Leste 190,"
               " Capital 150, Norte 120.",
        "chart_source": "Registos da sua organização (dados de exemplo em data/sample.csv)",
        "recommendations": "Recomendações",
        "lead": "Comece com um verbo",
        "text": "Depois diga o que fazer e porquê, numa ou duas frases.",
        "footnote": "Uma nota de rodapé: uma observação que interromperia o texto.",
        "source_title": "Título do relatório ou artigo",
        "publisher": "Editora ou meio de comunicação",
        "regions": ("Norte", "Sul", "Leste", "Oeste", "Capital"),
    },
}
LANGUAGES = tuple(PHRASES)
#: The sample's counts, in the order of PHRASES[...]["regions"] (the alt texts say the same).
COUNTS = (120, 310, 190, 240, 150)

# Placeholders are <<name>>: the YAML itself is full of braces. A value is written as a JSON
# string, which is a valid double-quoted YAML scalar whatever its text, or, for the long texts
# in FOLDED, as a folded block, where no character is special.
FOLDED = ("summary", "prose", "alt")
BRIEF = """\
# yaml-language-server: $schema=brief.schema.json
#
# A new brief, made by `briefgen new`. Replace the text, keep the structure.
#   Check it:  briefgen validate brief.yaml   (lists every problem with its line and column)
#   Build it:  briefgen build brief.yaml      (writes out/brief.pdf; -o DIR for another folder)
# Lines starting with # are comments. Indent with spaces, never tabs. Text fields accept
# Markdown: **bold**, *italic*, [link](https://example.org), a footnote [^id], a
# cross-reference [](#id). Your editor completes and checks keys with brief.schema.json
# (VS Code: the YAML extension by Red Hat).

meta:
  title: <<title>>
  subtitle: <<subtitle>>
  series: <<series>>
  date: <<date>>  # YYYY-MM-DD
  authors: [<<author>>]
  organisation:
    name: <<organisation>>
    # logo: logos/my-logo.svg  # an SVG, PNG or JPEG in assets/logos/
    about: <<about>>
  language: <<language>>  # en, es, fr or pt: labels, dates and numbers follow it
  page_size: A4  # or Letter
  summary: <<summary>>

sections:
  - heading: <<background>>
    blocks:
      - prose: <<prose>>
      - chart:
          id: fig-sample  # cite it in the text as [](#fig-sample)
          type: bar
          title: <<chart_title>>
          subtitle: <<chart_subtitle>>
          # alt: what a reader who cannot see the chart needs to know from it
          alt: <<alt>>
          source: <<chart_source>>
          data:
            file: data/sample.csv  # beside this brief, or in assets/
            x: region
            y: count
            sort: {by: count, descending: true}
  - heading: <<recommendations>>
    blocks:
      - recommendations:
          items:
            - lead: <<lead>>
              text: <<text>>

footnotes:
  note: <<footnote>>

sources:
  - id: source-one
    title: <<source_title>>
    publisher: <<publisher>>
    url: https://example.org/report
"""

ASSETS_README = """\
# assets

Files the brief uses that are not beside it: logos (`logos/`), images (`images/`), data
(`data/`) and fonts (`fonts/`). A path in the brief such as `logo: logos/my-logo.svg` is looked
for beside the brief first, then here.
"""


class ScaffoldError(Exception):
    """The folder cannot be made: files that exist already (``existing``), or a file in the way."""

    def __init__(self, message: str, existing=()):
        super().__init__(message)
        self.existing = list(existing)


def brief_text(lang: str = "en", today: datetime.date | None = None) -> str:
    """The new brief's YAML in ``lang`` (see :data:`LANGUAGES`)."""
    if lang not in PHRASES:
        raise ValueError(f"unknown language {lang!r}; choose one of {', '.join(LANGUAGES)}")
    values = {key: json.dumps(value, ensure_ascii=False) for key, value in PHRASES[lang].items()
              if isinstance(value, str)}
    values.update(date=(today or datetime.date.today()).isoformat(), language=lang)
    lines = []
    for line in BRIEF.splitlines(keepends=True):
        key = next((key for key in FOLDED if f"<<{key}>>" in line), None)
        if key:  # long text as a folded block (">-"): wrapped lines, joined again when read
            indent = " " * (len(line) - len(line.lstrip(" -")) + 2)
            wrapped = textwrap.wrap(PHRASES[lang][key], 96 - len(indent), break_on_hyphens=False)
            line = line.replace(f"<<{key}>>", ">-") + "".join(f"{indent}{part}\n" for part in wrapped)
        for name, value in values.items():
            line = line.replace(f"<<{name}>>", value)
        lines.append(line)
    return "".join(lines)


def sample_csv(lang: str = "en") -> str:
    rows = zip(PHRASES[lang]["regions"], COUNTS)
    return "region,count\n" + "".join(f"{region},{count}\n" for region, count in rows)


def new_brief(folder, lang: str = "en", *, today: datetime.date | None = None) -> list[Path]:
    """Make a new brief folder (see the module docstring) and return the files written.

    Raises :class:`ScaffoldError` listing the files that exist already, without writing
    anything, and ValueError for a language briefgen has no starting text for.
    """
    folder = Path(folder)
    contents = {
        Path("brief.yaml"): brief_text(lang, today).encode("utf-8"),
        Path("brief.schema.json"): SCHEMA_FILE.read_bytes(),
        Path("data", "sample.csv"): sample_csv(lang).encode("utf-8"),
        Path("assets", "README.md"): ASSETS_README.encode("utf-8"),
    }
    _check_free(folder, contents)
    written: list[Path] = []
    try:
        for name, data in contents.items():
            target = folder / name
            target.parent.mkdir(parents=True, exist_ok=True)
            with open(target, "xb") as handle:  # "x": never replace a file made meanwhile
                handle.write(data)
            written.append(target)
    except BaseException:
        for target in written:  # all or nothing, as a build is
            target.unlink(missing_ok=True)
        raise
    return written


def _check_free(folder: Path, contents: dict) -> None:
    if folder.exists() and not folder.is_dir():
        raise ScaffoldError(f"{folder} exists and is not a folder; choose a new folder name")
    blocking = [(folder / name).parent for name in contents if (folder / name).parent.exists()
                and not (folder / name).parent.is_dir()]
    if blocking:
        raise ScaffoldError(f"{blocking[0]} exists and is not a folder; nothing was written",
                            existing=blocking)
    existing = [folder / name for name in contents if _lexists(folder / name)]
    if existing:
        names = ", ".join(str(path) for path in existing)
        raise ScaffoldError(f"{names} already exist{'s' if len(existing) == 1 else ''}; briefgen new never"
                            " overwrites files, so nothing was written (choose a new folder, or move them away)",
                            existing=existing)


def _lexists(path: Path) -> bool:
    """Does anything, even a broken link, sit at ``path``? (A link could lead the write elsewhere.)"""
    return path.is_symlink() or path.exists()
