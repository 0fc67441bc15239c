"""Language fields: a block's language tag and the brief's language.

In:  a value from the brief's YAML.
Out: the value, or INVALID with a positioned error: a tag that is not BCP 47-shaped, or a
     right-to-left language (whole right-to-left blocks and briefs are not supported yet;
     right-to-left names inside the text are, see :mod:`briefgen.layout.shaping`).
"""

from __future__ import annotations

from .fields import INVALID, Pattern, Str


class LanguageTag(Pattern):
    """A language tag (BCP 47), such as 'es', 'pt-BR' or 'ar'."""

    pattern = r"^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$"
    expected = "a language tag such as 'es' or 'pt-BR'"
    wanted = "a language tag such as 'es', 'fr' or 'pt-BR' (two or three letters, then optional '-' parts)"

    def convert(self, value, ctx, path):
        value = super().convert(value, ctx, path)
        if value is not INVALID and right_to_left_language(value):
            ctx.error(path, f"{value!r} is a right-to-left language: whole blocks of right-to-left text are not"
                            " supported yet (they would come out in the wrong order); keep names and short"
                            " quotations in it inside the text, and give longer passages in translation")
            return INVALID
        return value


class BriefLanguage(Str):
    """The brief's language: one of ``choices``; a right-to-left one is refused as not supported yet."""

    def convert(self, value, ctx, path):
        if isinstance(value, str) and right_to_left_language(value):
            ctx.error(path, f"{value!r} is a right-to-left language, and right-to-left briefs are not supported yet:"
                            f" briefgen sets right-to-left names and short quotations inside a brief in"
                            f" {', '.join(repr(c) for c in self.choices)}; write the brief in one of these")
            return INVALID
        return super().convert(value, ctx, path)


#: Languages written right to left (primary subtags).
RTL_LANGUAGES = frozenset({"ar", "arc", "ckb", "dv", "fa", "he", "iw", "ks", "ps", "sd", "syr", "ug", "ur", "yi"})


def right_to_left_language(tag: str) -> bool:
    return tag.split("-")[0].lower() in RTL_LANGUAGES


__all__ = ["BriefLanguage", "LanguageTag", "RTL_LANGUAGES", "right_to_left_language"]
