package dev.perfshop.server.catalog;

import dev.perfshop.server.system.Port;
import java.util.Optional;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;

@Port
public interface ProductRepository extends JpaRepository<Product, Long> {

  /**
   * Catalogue search: a case-insensitive text in name or description and an optional category slug
   * (listings without a text use {@link #page} and {@link #inCategory}). Parameters are bound,
   * never concatenated. The pattern escapes its wildcards with {@code !} (see
   * CatalogService.escapeLike): a backslash would mean different things to MySQL's string literals
   * and to Hibernate's H2 dialect, which writes {@code escape ''} when none is named.
   */
  @Query(
      value =
          """
          select p from Product p join fetch p.category c
          where (:text is null or lower(p.name) like :text escape '!' or lower(p.description) like :text escape '!')
            and (:category is null or c.slug = :category)
          """,
      countQuery =
          """
          select count(p) from Product p join p.category c
          where (:text is null or lower(p.name) like :text escape '!' or lower(p.description) like :text escape '!')
            and (:category is null or c.slug = :category)
          """)
  Page<Product> search(
      @Param("text") String likePattern, @Param("category") String category, Pageable page);

  /**
   * The unfiltered catalogue, a page of it: what most listings ask for. Its own query, not {@link
   * #search} with two nulls: the database can then count the table without joining or testing a
   * row, and need not evaluate the search's conditions on every row (a class's load spent a third
   * of the server's time in the catalogue's queries).
   */
  @Query(
      value = "select p from Product p join fetch p.category",
      countQuery = "select count(p) from Product p")
  Page<Product> page(Pageable page);

  /** One category's products, a page of them: counted on the category index, with no join. */
  @Query(
      value = "select p from Product p join fetch p.category where p.category = :category",
      countQuery = "select count(p) from Product p where p.category = :category")
  Page<Product> inCategory(@Param("category") Category category, Pageable page);

  /** One product with its category (the view needs both, outside the transaction). */
  @Query("select p from Product p join fetch p.category where p.id = :id")
  Optional<Product> findWithCategory(@Param("id") long id);

  /**
   * Takes {@code quantity} units if, and only if, that many are in stock: one conditional UPDATE,
   * so concurrent buyers can never drive stock below zero. Returns the number of rows changed (1
   * when taken, 0 when out of stock or unknown).
   */
  @Modifying(flushAutomatically = true, clearAutomatically = true)
  @Query("update Product p set p.stock = p.stock - :qty where p.id = :id and p.stock >= :qty")
  int takeStock(@Param("id") long productId, @Param("qty") int quantity);

  /** Gives back stock, e.g. when a payment is declined after the stock was taken. */
  @Modifying(flushAutomatically = true, clearAutomatically = true)
  @Query("update Product p set p.stock = p.stock + :qty where p.id = :id")
  int returnStock(@Param("id") long productId, @Param("qty") int quantity);
}
