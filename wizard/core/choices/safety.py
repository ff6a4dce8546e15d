"""Antithrombotic drugs and how their hold is stated."""

from __future__ import annotations

from .base import Choice


class Antithrombotic(Choice):
    ASPIRIN_PRIMARY = "aspirin_primary", "Aspirin — primary prophylaxis"
    ASPIRIN_SECONDARY = "aspirin_secondary", "Aspirin — secondary prophylaxis"
    IBUPROFEN = "ibuprofen", "Ibuprofen / diclofenac / ketorolac"
    ETODOLAC = "etodolac", "Etodolac / indomethacin"
    NAPROXEN = "naproxen", "Naproxen / meloxicam"
    NABUMETONE = "nabumetone", "Nabumetone"
    PIROXICAM = "piroxicam", "Oxaprozin / piroxicam"
    CILOSTAZOL = "cilostazol", "Cilostazol"
    DIPYRIDAMOLE = "dipyridamole", "Dipyridamole"
    WARFARIN = "warfarin", "Warfarin"
    ACENOCOUMAROL = "acenocoumarol", "Acenocoumarol"
    HEPARIN_IV = "heparin_iv", "Unfractionated heparin, IV"
    HEPARIN_SC = "heparin_sc", "Unfractionated heparin, subcutaneous"
    ENOXAPARIN_PROPHYLACTIC = "enoxaparin_prophylactic", "Enoxaparin, prophylactic dose"
    ENOXAPARIN_THERAPEUTIC = "enoxaparin_therapeutic", "Enoxaparin, therapeutic dose"
    DALTEPARIN = "dalteparin", "Dalteparin"
    CLOPIDOGREL = "clopidogrel", "Clopidogrel"
    PRASUGREL = "prasugrel", "Prasugrel"
    TICAGRELOR = "ticagrelor", "Ticagrelor"
    DABIGATRAN = "dabigatran", "Dabigatran"
    RIVAROXABAN = "rivaroxaban", "Rivaroxaban"
    APIXABAN = "apixaban", "Apixaban"
    EDOXABAN = "edoxaban", "Edoxaban"
    FONDAPARINUX = "fondaparinux", "Fondaparinux"
    OTHER = "other", "Other antithrombotic"


class HoldUnit(Choice):
    HOURS = "hours", "hours"
    DAYS = "days", "days"


class NicotineUse(Choice):
    NEVER = "never", "Never used nicotine"
    FORMER = "former", "Former user, now nicotine-free"
    CURRENT = "current", "Current nicotine use"
