"""eSpeak NG in-process: text in, 16-bit mono PCM out.

The library and its voices come from PyPI's espeakng-loader wheel, so the
audio edition needs no Debian package and no program on the PATH. The
library keeps global state (one voice, one callback), hence one lock for
every call into it.
"""
from __future__ import annotations

import ctypes
import functools
import threading
from dataclasses import dataclass

# From espeak-ng's speak_lib.h (the stable C API).
AUDIO_OUTPUT_SYNCHRONOUS = 2
POS_CHARACTER = 1
CHARS_UTF8 = 1
PARAMETER_RATE = 1
OK = 0

_CALLBACK = ctypes.CFUNCTYPE(ctypes.c_int, ctypes.POINTER(ctypes.c_short), ctypes.c_int, ctypes.c_void_p)
_lock = threading.Lock()


class _Voice(ctypes.Structure):
    # `languages` is a list of (priority byte, NUL-terminated name) ending with a 0 byte,
    # so it is read by address, not as one C string.
    _fields_ = [("name", ctypes.c_char_p), ("languages", ctypes.c_void_p), ("identifier", ctypes.c_char_p),
                ("gender", ctypes.c_ubyte), ("age", ctypes.c_ubyte), ("variant", ctypes.c_ubyte),
                ("xx1", ctypes.c_ubyte), ("score", ctypes.c_int), ("spare", ctypes.c_void_p)]


@dataclass(frozen=True)
class Speech:
    pcm: bytes  # 16-bit little-endian mono samples
    sample_rate: int

    @property
    def seconds(self) -> float:
        return len(self.pcm) / 2 / self.sample_rate


class SpeechUnavailable(Exception):
    """eSpeak NG could not be loaded or started; the message says why."""


@functools.cache
def _engine() -> tuple[ctypes.CDLL, int]:
    try:
        import espeakng_loader

        library = ctypes.CDLL(espeakng_loader.get_library_path())
        data = espeakng_loader.get_data_path()
    except (ImportError, OSError) as error:
        raise SpeechUnavailable(f"eSpeak NG could not be loaded ({error}); "
                                "reinstall the package: pip install espeakng-loader") from error
    library.espeak_ListVoices.restype = ctypes.POINTER(ctypes.POINTER(_Voice))
    library.espeak_SetVoiceByProperties.argtypes = [ctypes.POINTER(_Voice)]
    sample_rate = library.espeak_Initialize(AUDIO_OUTPUT_SYNCHRONOUS, 0, str(data).encode(), 0)
    if sample_rate <= 0:
        raise SpeechUnavailable(f"eSpeak NG found no voices in {data}; reinstall espeakng-loader")
    return library, sample_rate


@functools.cache
def languages() -> frozenset[str]:
    """Every language tag a voice speaks, lower case: 'en-gb', 'cy', 'de', …"""
    library, _rate = _engine()
    found = set()
    with _lock:
        voices = library.espeak_ListVoices(None)
        index = 0
        while voices[index]:
            address = voices[index].contents.languages
            while ctypes.c_ubyte.from_address(address).value:  # the priority byte; 0 ends the list
                name = ctypes.string_at(address + 1)
                found.add(name.decode("ascii", "replace").lower())
                address += len(name) + 2
            index += 1
    return frozenset(found)


def speak(text: str, language: str, words_per_minute: int) -> Speech:
    """`text` read aloud by the voice for `language` (one of languages())."""
    library, sample_rate = _engine()
    chunks: list[bytes] = []

    def collect(samples, count, _events):
        if count > 0:
            chunks.append(ctypes.string_at(samples, count * 2))
        return 0  # go on

    callback = _CALLBACK(collect)  # kept referenced until synthesis ends
    encoded = text.encode("utf-8") + b"\0"
    tag = ctypes.create_string_buffer(language.encode("ascii"))  # alive while the voice is chosen
    with _lock:
        library.espeak_SetSynthCallback(callback)
        if library.espeak_SetVoiceByProperties(ctypes.byref(_Voice(languages=ctypes.addressof(tag)))) != OK:
            raise SpeechUnavailable(f"eSpeak NG has no voice for '{language}'")
        library.espeak_SetParameter(PARAMETER_RATE, words_per_minute, 0)
        if library.espeak_Synth(encoded, len(encoded), 0, POS_CHARACTER, 0, CHARS_UTF8, None, None) != OK:
            raise SpeechUnavailable("eSpeak NG could not read the text")
        library.espeak_Synchronize()
    return Speech(b"".join(chunks), sample_rate)
