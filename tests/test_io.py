"""Reading stories from every input form, and turning broken input into error records."""

from __future__ import annotations

import json

import pytest

from wirefacts.io import AtomicOutput, InputError, OutputError, expand_inputs, input_fingerprint, read_stories
from wirefacts.schema import ErrorRecord, StoryInput, StoryRecord


def write_jsonl(path, lines):
    path.write_text("".join((line if isinstance(line, str) else json.dumps(line)) + "\n" for line in lines), "utf-8")
    return path


def test_txt_file_id_is_the_file_stem(tmp_path):
    story = tmp_path / "seoul-story.txt"
    story.write_text("Seoul, Jan 13: text", encoding="utf-8")
    [item] = read_stories([str(story)], default_published="2025-01-13")
    assert isinstance(item, StoryInput)
    assert (item.id, item.text, item.published) == ("seoul-story", "Seoul, Jan 13: text", "2025-01-13")


def test_directory_reads_sorted_txt_and_jsonl_only(tmp_path):
    (tmp_path / "b.txt").write_text("second", encoding="utf-8")
    (tmp_path / "a.txt").write_text("first", encoding="utf-8")
    (tmp_path / "notes.md").write_text("not a story", encoding="utf-8")
    write_jsonl(tmp_path / "c.jsonl", [{"id": "c1", "text": "third"}])
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "d.txt").write_text("nested: not read", encoding="utf-8")
    assert [item.id for item in read_stories([str(tmp_path)])] == ["a", "b", "c1"]


def test_jsonl_published_aliases_and_meta_pass_through(tmp_path):
    path = write_jsonl(
        tmp_path / "in.jsonl",
        [{"id": "r1", "text": "x", "pub_date": "1987-02-26T15:01:01", "title": "COCOA"}, {"id": 7, "text": "y"}],
    )
    first, second = read_stories([str(path)], default_published="2000-01-01")
    assert (first.published, first.meta) == ("1987-02-26", {"title": "COCOA"})
    assert (second.id, second.published) == ("7", "2000-01-01")


@pytest.mark.parametrize(
    ("line", "kind"),
    [
        ("{not json", "json"),
        ("[1, 2]", "json"),
        (json.dumps({"text": "no id"}), "invalid"),
        (json.dumps({"id": "", "text": "empty id"}), "invalid"),
        (json.dumps({"id": "x", "text": 5}), "invalid"),
        (json.dumps({"id": "x"}), "invalid"),
        (json.dumps({"id": "x", "text": "t", "published": "last Tuesday"}), "invalid"),
        (json.dumps({"id": "x", "text": "t", "published": "2025-02-30"}), "invalid"),
    ],
)
def test_broken_jsonl_lines_become_error_records_and_the_batch_goes_on(tmp_path, line, kind):
    path = write_jsonl(tmp_path / "in.jsonl", [line, {"id": "ok", "text": "fine"}])
    broken, fine = read_stories([str(path)])
    assert isinstance(broken, ErrorRecord) and broken.error.kind == kind and broken.id
    assert isinstance(fine, StoryInput) and fine.id == "ok"


def test_invalid_utf8_and_binary_files_become_error_records(tmp_path):
    (tmp_path / "latin1.txt").write_bytes("caf\xe9".encode("latin-1"))
    (tmp_path / "blob.txt").write_bytes(b"\x89PNG\x00\x00")
    (tmp_path / "bom.txt").write_bytes("\ufeffSeoul".encode("utf-8"))
    blob, bom, latin = read_stories([str(tmp_path)])
    assert (blob.id, blob.error.kind) == ("blob", "binary")
    assert (bom.id, bom.text) == ("bom", "Seoul")
    assert (latin.id, latin.error.kind) == ("latin1", "encoding")


def test_missing_input_is_a_usage_error(tmp_path):
    with pytest.raises(InputError):
        expand_inputs([str(tmp_path / "nope.txt")])
    (tmp_path / "story.pdf").write_bytes(b"%PDF")
    with pytest.raises(InputError):
        expand_inputs([str(tmp_path / "story.pdf")])


def record(story_id: str) -> StoryRecord:
    return StoryRecord(id=story_id, text="t")


def test_atomic_output_renames_only_on_commit(tmp_path):
    final = tmp_path / "out" / "records.jsonl"
    with AtomicOutput(final) as sink:
        sink.write(record("a").model_dump_json())
        assert not final.exists()
        sink.commit()
    assert [json.loads(line)["id"] for line in final.read_text().splitlines()] == ["a"]


def test_resume_keeps_what_an_interrupted_run_wrote(tmp_path):
    final = tmp_path / "records.jsonl"
    fingerprint = input_fingerprint(["-"], {"published": None})
    with AtomicOutput(final, fingerprint=fingerprint) as sink:
        sink.write(record("a").model_dump_json())
        sink.write(record("b").model_dump_json())
    assert not final.exists()
    part = final.with_name("records.jsonl.part")
    part.write_text(part.read_text() + '{"id": "c", "te')  # a line torn by the interruption
    with pytest.raises(OutputError, match="other inputs"):
        AtomicOutput(final, resume=True, fingerprint=input_fingerprint(["-"], {"published": "2001-01-01"})).__enter__()
    with AtomicOutput(final, resume=True, fingerprint=fingerprint) as sink:
        assert sink.done_ids == {"a", "b"}
        sink.write(record("c").model_dump_json())
        sink.commit()
    assert [json.loads(line)["id"] for line in final.read_text().splitlines()] == ["a", "b", "c"]
