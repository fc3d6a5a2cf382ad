package dev.perfshop.server.catalog;

import org.springframework.data.domain.Pageable;
import org.springframework.data.domain.Sort;

/** A page request whose offset is off (broken-pagination): same number, size and sort. */
record ShiftedPageable(Pageable base, long offset) implements Pageable {

  @Override
  public int getPageNumber() {
    return base.getPageNumber();
  }

  @Override
  public int getPageSize() {
    return base.getPageSize();
  }

  @Override
  public long getOffset() {
    return Math.max(0, offset);
  }

  @Override
  public Sort getSort() {
    return base.getSort();
  }

  @Override
  public Pageable next() {
    return base.next();
  }

  @Override
  public Pageable previousOrFirst() {
    return base.previousOrFirst();
  }

  @Override
  public Pageable first() {
    return base.first();
  }

  @Override
  public Pageable withPage(int pageNumber) {
    return base.withPage(pageNumber);
  }

  @Override
  public boolean hasPrevious() {
    return base.hasPrevious();
  }
}
