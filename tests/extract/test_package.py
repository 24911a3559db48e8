"""The extract package's import-time promises."""

import subprocess
import sys


def test_import_app_extract_does_not_import_spacy():
    code = "import app.extract, sys; assert 'spacy' not in sys.modules, 'spacy was imported'"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr


def test_dataclasses_and_language_check_do_not_import_spacy():
    code = ("import app.extract.types, app.extract.language, sys; "
            "from app.extract.language import detect_language; assert detect_language('the cat') == 'en'; "
            "assert 'spacy' not in sys.modules, 'spacy was imported'")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr


def test_pipeline_names_load_on_first_use():
    import app.extract
    from app.extract import pipeline

    assert app.extract.extract is pipeline.extract
    assert app.extract.EXTRACTOR_VERSION == pipeline.EXTRACTOR_VERSION
