"""The submission packet: checked enclosures, a fax cover sheet, the letter, every page stamped."""
