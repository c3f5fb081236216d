"""Which place a point lies in: the jurisdictions' own GeoJSON boundaries, no GIS server."""

from __future__ import annotations

import math
import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from redress.core.refcache import reference_cache
from redress.orgs.models import Jurisdiction, Level

Ring = Sequence[Sequence[float]]
_CACHE_SECONDS = 60.0
# A point with no boundary around it goes to the nearest place centre within this distance.
NEAREST_LIMIT_KM = 15.0


@dataclass(frozen=True)
class Place:
    pk: int
    path: str
    depth: int
    latitude: float | None
    longitude: float | None
    polygons: tuple[tuple[Ring, ...], ...]  # each polygon: outer ring, then holes


def _polygons(geojson: object) -> tuple[tuple[Ring, ...], ...]:
    if not isinstance(geojson, dict):
        return ()
    if geojson.get("type") == "Feature":
        return _polygons(geojson.get("geometry"))
    coordinates = geojson.get("coordinates") or []
    if geojson.get("type") == "Polygon":
        return (tuple(coordinates),)
    if geojson.get("type") == "MultiPolygon":
        return tuple(tuple(polygon) for polygon in coordinates)
    return ()


def _in_ring(longitude: float, latitude: float, ring: Ring) -> bool:
    inside = False
    count = len(ring)
    for index in range(count):
        x1, y1 = ring[index][0], ring[index][1]
        x2, y2 = ring[(index + 1) % count][0], ring[(index + 1) % count][1]
        if (y1 > latitude) != (y2 > latitude):
            crossing = x1 + (latitude - y1) * (x2 - x1) / (y2 - y1)
            if longitude < crossing:
                inside = not inside
    return inside


def contains(place: Place, latitude: float, longitude: float) -> bool:
    for polygon in place.polygons:
        if (
            polygon
            and _in_ring(longitude, latitude, polygon[0])
            and not any(_in_ring(longitude, latitude, hole) for hole in polygon[1:])
        ):
            return True
    return False


def distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    radius = 6371.0
    phi1, phi2 = math.radians(lat1), math.radians(lat2)
    d_phi, d_lambda = phi2 - phi1, math.radians(lon2 - lon1)
    a = math.sin(d_phi / 2) ** 2 + math.cos(phi1) * math.cos(phi2) * math.sin(d_lambda / 2) ** 2
    return 2 * radius * math.asin(math.sqrt(a))


_places: tuple[float, list[Place]] | None = None


def _all_places() -> list[Place]:
    """Areas (not enterprises) with a boundary or a centre, cached briefly per process: intake
    locates every point and the tree changes rarely."""
    global _places
    if _places is not None and time.monotonic() - _places[0] < _CACHE_SECONDS:
        return _places[1]
    rows = Jurisdiction.objects.exclude(level=Level.ENTERPRISE).values_list(
        "pk", "path", "latitude", "longitude", "boundary_geojson"
    )
    places = [
        Place(pk, path, path.count("/") - 1, lat, lon, _polygons(boundary))
        for pk, path, lat, lon, boundary in rows
        if boundary or (lat is not None and lon is not None)
    ]
    _places = (time.monotonic(), places)
    return places


def forget_cached_places() -> None:
    global _places
    _places = None


def jurisdiction_locate(
    *, latitude: float, longitude: float, within: Jurisdiction
) -> Jurisdiction | None:
    """The deepest place under `within` whose boundary holds the point; else the nearest place
    centre within NEAREST_LIMIT_KM; else None (the point is outside this jurisdiction)."""
    candidates = [place for place in _all_places() if place.path.startswith(within.path)]
    holding = [place for place in candidates if contains(place, latitude, longitude)]
    if holding:
        best = max(holding, key=lambda place: place.depth)
        return _jurisdiction(best.pk)
    if any(place.polygons for place in candidates if place.pk == within.pk):
        return None
    nearest = _nearest(candidates, latitude, longitude)
    return _jurisdiction(nearest.pk) if nearest else None


@reference_cache()
def _jurisdiction(pk: int) -> Jurisdiction:
    return Jurisdiction.objects.get(pk=pk)


def _nearest(places: Iterable[Place], latitude: float, longitude: float) -> Place | None:
    best: tuple[float, int, Place] | None = None
    for place in places:
        if place.latitude is None or place.longitude is None:
            continue
        distance = distance_km(latitude, longitude, place.latitude, place.longitude)
        if distance <= NEAREST_LIMIT_KM and (
            best is None or (distance, -place.depth) < (best[0], best[1])
        ):
            best = (distance, -place.depth, place)
    return best[2] if best else None
