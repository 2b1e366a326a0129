"""Small learned models shipped with ficscope (JSON weights with their recipe); no downloads."""
