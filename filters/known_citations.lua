-- Stops the render when a page cites a key that the bibliography lacks: Pandoc only warns, and the page would
-- show "key?" where a reference belongs. Quarto's cross-references (@fig-…, @eq-…) are citations to Pandoc too,
-- and are left to Quarto.
local CROSS_REFERENCE = {"fig", "tbl", "eq", "sec", "lst", "thm", "lem", "cor", "prp", "cnj", "def", "exm", "exr", "rem", "alg"}

local function is_cross_reference(id)
  local prefix = id:match("^(%a+)%-")
  for _, kind in ipairs(CROSS_REFERENCE) do
    if prefix == kind then
      return true
    end
  end
  return false
end

function Pandoc(doc)
  local known = {}
  for _, reference in ipairs(pandoc.utils.references(doc)) do
    known[reference.id] = true
  end
  local unknown = {}
  doc:walk({
    Cite = function(cite)
      for _, citation in ipairs(cite.citations) do
        if not known[citation.id] and not is_cross_reference(citation.id) then
          table.insert(unknown, "@" .. citation.id)
        end
      end
    end,
  })
  if #unknown > 0 then
    -- Quarto reports an error() raised in a filter and renders on, so the filter ends Pandoc itself.
    io.stderr:write(string.format("ERROR: %s cites %s, which references.bib does not hold: add the entry to "
      .. "references.bib, or correct the key.\n", quarto.doc.input_file, table.concat(unknown, ", ")))
    os.exit(1)
  end
end
