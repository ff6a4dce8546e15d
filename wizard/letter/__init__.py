"""The letter of medical necessity: what it says (build), how it looks (render), its figures."""
