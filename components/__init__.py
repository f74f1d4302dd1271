"""Rasa-side code: custom pipeline components named in config.yml, the tracker and lock stores named in the
endpoints files, and the fixes to Rasa 3.6 itself (components/patches/).

Rasa imports this package whenever it loads the model (`rasa run`, `rasa shell`, `rasa test`), before any action
runs or any conversation is read: the one place that installs the fixes, in every mode.
"""

from components import patches

patches.install()
