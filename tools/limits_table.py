"""Print the Markdown table of briefgen's limits (pasted into docs/security.md; a test keeps it in sync)."""

from briefgen.limits import Limits


def limits_table() -> str:
    rows = ["| `--limit` name | default | environment variable | what it bounds |", "| --- | ---: | --- | --- |"]
    rows += [f"| `{name}` | {default:,} | `{env}` | {doc} |" for name, default, env, doc in Limits.describe()]
    return "\n".join(rows)


if __name__ == "__main__":
    print(limits_table())
