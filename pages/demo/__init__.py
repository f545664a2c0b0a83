"""The portal's demo content: the 'Immunomodulators' article and every record it names.

Data lives in small modules, one concern each (routes, drug classes, conditions, drugs, the
article, the site's own pages and snippets); `loader` writes it to the database, and the
`load_demo_content` command runs the loader."""
