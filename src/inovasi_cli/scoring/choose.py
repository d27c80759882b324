"""The one chooser of the scoring model a command uses: the newest by default (the one
whose latest year is latest, then by id), or the one asked for by id or year."""

from __future__ import annotations

from inovasi_cli.core.errors import UsageError
from inovasi_cli.records.collection import Collection
from inovasi_cli.records.scoring_model import ScoringModel


def newest_model(collection: Collection) -> ScoringModel | None:
    """The newest model of the collection, or None when it has none."""
    models = collection.scoring_models.values()
    return max(models, key=lambda m: (m.year, m.id)) if models else None


def choose_model(
    collection: Collection, model_id: str | None = None, year: int | None = None
) -> tuple[ScoringModel, int]:
    """The model and the assessment year: the model named, else the newest covering
    ``year``, else the newest; the year given, else the model's newest. Refuses a model
    or a year the collection's models do not have, listing the models."""
    models = collection.scoring_models
    listed = ", ".join(f"{m.id} ({', '.join(map(str, m.years))})" for m in models.values())
    if model_id is not None:
        model = models.get(model_id.strip().lower())
        if model is None:
            raise UsageError(f"unknown model '{model_id}'; models: {listed or '(none)'}")
    elif year is not None:
        covering = [m for m in models.values() if year in m.years]
        if not covering:
            raise UsageError(f"no scoring model covers {year}; models: {listed or '(none)'}")
        model = covering[-1]
    else:
        newest = newest_model(collection)
        if newest is None:
            raise UsageError("the collection has no scoring models (data/scoring/<model-id>.yaml)")
        model = newest
    if year is not None and year not in model.years:
        raise UsageError(
            f"{model.id} is the model for {', '.join(map(str, model.years))}, not {year}"
        )
    return model, model.year if year is None else year
